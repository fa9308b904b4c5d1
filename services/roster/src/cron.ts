import type { CronJob } from "@civicgrid/http";
import type { Env } from "./env";
import { flushOutbox } from "./store/grid-events";

/** The roster's cron (wrangler.toml `triggers`): sends the outbox rows a failed send after a write left behind. */
export const cronJobs: Record<string, CronJob<Env>> = { "*/5 * * * *": (env) => flushOutbox(env, 5) }; // 5 x 100
