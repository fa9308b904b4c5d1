import type { Env } from "../env";

/**
 * Issue 17: a case's read model lives in its county's database (bindings generated from `infra/shards`).
 * Until the shards land every county reads and writes the one `DB`.
 */
export function readModelOf(env: Env, countyCode: string): D1Database {
  void countyCode;
  return env.DB;
}

/** Every read-model database with the counties it holds (for the jobs that sweep them all: cron, archive). */
export function readModels(env: Env): { countyCodes: string[] | "all"; db: D1Database }[] {
  return [{ countyCodes: "all", db: env.DB }];
}
