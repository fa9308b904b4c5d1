import type { Env } from "../env";

/**
 * Issue 17: a case's read model lives in its county's database (bindings generated from `infra/shards`).
 * Until the shards land every county reads and writes the one `DB`.
 */
export function readModelOf(env: Env, countyCode: string): D1Database {
  void countyCode;
  return env.DB;
}
