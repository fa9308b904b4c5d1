import { flushOutbox } from "@civicgrid/http";
import type { Env } from "./env";
import { runDaily } from "./jobs/daily";
import { database } from "./store/db";

/** The service's schedules (wrangler.toml [triggers] crons), each to its job. */
export const cronJobs = {
  "*/5 * * * *": (env: Env) =>
    flushOutbox(
      database(env.DB),
      { assessments: env.ASSESS_QUEUE, notifications: env.NOTIFY_QUEUE },
      { service: "basedata" },
    ),
  "0 19 * * *": (env: Env, _ctx: ExecutionContext, at: Date) => runDaily(env, at),
};
