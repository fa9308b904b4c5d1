import type { CronJob } from "@civicgrid/http";
import type { Env } from "./env";
import { dbOf } from "./store/db";
import { flushOutbox } from "./store/outbox";

/** Every five minutes: send events whose send failed after their write (the outbox). Not exported from the
 * worker's entry module: workerd allows only handlers and classes there. */
export const FLUSH_CRON = "*/5 * * * *";

export const cronJobs: Record<string, CronJob<Env>> = {
  [FLUSH_CRON]: (env) => flushOutbox(dbOf(env.DB), env),
};
