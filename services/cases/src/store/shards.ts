import { countyShards, shardOf, type CountyShard } from "@civicgrid/http";
import type { Env } from "../env";

/**
 * Issue 17: the cases read model is sharded per county (`CASES_<first 6 digits>`; the routing is @civicgrid/http's
 * shards.ts, shared with the assessments' facts). `DB` keeps what is city-wide (see services/cases/README.md
 * "Read-model shards").
 */

/** One county's read-model database. */
export type ReadModel = CountyShard;

/** Every read-model shard bound in `env`, in county order (for the jobs that sweep them all and city-level reads). */
export const readModels = (env: Env): readonly ReadModel[] => countyShards(env, "CASES");

/** The shard holding a county's cases (any code inside the county will do); throws for a county without one. */
export const readModelOf = (env: Env, countyCode: string): D1Database => shardOf(env, "CASES", countyCode).db;
