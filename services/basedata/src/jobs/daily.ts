import { log } from "@civicgrid/http";
import type { Env } from "../env";
import { anonymiseJob } from "./anonymise";
import { visitPlansJob } from "./visit-plans";

/** One job of the daily run: its name and what it does for the day of `at` (Asia/Shanghai). */
export interface DailyJob {
  name: string;
  run(env: Env, at: Date): Promise<unknown>;
}

/**
 * The daily run (03:00 Asia/Shanghai, wrangler.toml "0 19 * * *"): each area of the base data adds its job to
 * DAILY_JOBS (visit plans and reminders, anonymisation of people gone past their county's retention …). Jobs run one
 * after another; one failing is logged and does not stop the others; the answer says what each did.
 */
export const DAILY_JOBS: DailyJob[] = [visitPlansJob, anonymiseJob];

export async function runDaily(env: Env, at: Date, jobs: readonly DailyJob[] = DAILY_JOBS) {
  const results: Record<string, unknown> = {};
  for (const job of jobs) {
    try {
      results[job.name] = await job.run(env, at);
    } catch (error) {
      log("error", "daily job failed", { job: job.name, error: String(error) });
      results[job.name] = { failed: String(error) };
    }
  }
  return results;
}
