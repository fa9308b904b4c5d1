import type { Env } from "../env";

/**
 * Issue 17: the cases read model is sharded per county. Each county of `infra/shards/counties.json` has its own D1
 * database, bound as `CASES_<first 6 digits of its code>` (generated into wrangler.toml by `npm run shards:generate`);
 * every shard has the same schema. `DB` keeps what is city-wide (see services/cases/README.md "Read-model shards").
 */
const SHARD_BINDING = /^CASES_(\d{6})$/;

/** One county's read-model database. */
export interface ReadModel {
  /** The shard's key: the county code's first 6 digits (also the key of its `x-d1-bookmark` entry). */
  county6: string;
  /** The counties it holds, as 12-digit codes (one per shard). */
  countyCodes: string[];
  db: D1Database;
}

/** The shard key of a division (or grid) code at county level or below: its first 6 digits. */
export const shardKeyOf = (code: string): string => code.slice(0, 6);

export class UnknownCountyError extends Error {
  constructor(readonly countyCode: string) {
    super(
      `no cases read-model database for county ${countyCode}: add the county to infra/shards/counties.json and run npm run shards:generate`,
    );
    this.name = "UnknownCountyError";
  }
}

const listed = new WeakMap<Env, ReadModel[]>();

/** Every read-model shard bound in `env`, in county order (for the jobs that sweep them all and city-level reads). */
export function readModels(env: Env): ReadModel[] {
  let models = listed.get(env);
  if (!models) {
    models = Object.keys(env)
      .sort()
      .flatMap((name) => {
        const county6 = SHARD_BINDING.exec(name)?.[1];
        const db = county6 ? env[`CASES_${county6}`] : undefined;
        return county6 && db ? [{ county6, countyCodes: [`${county6}000000`], db }] : [];
      });
    listed.set(env, models);
  }
  return models;
}

/** The shard holding a county's cases (any code inside the county will do); throws for a county without one. */
export function readModelOf(env: Env, countyCode: string): D1Database {
  return readModelFor(env, countyCode).db;
}

/** {@link readModelOf} with the shard's key. */
export function readModelFor(env: Env, countyCode: string): ReadModel {
  const found = /^\d{6}/.test(countyCode)
    ? readModels(env).find((m) => m.county6 === shardKeyOf(countyCode))
    : undefined;
  if (!found) throw new UnknownCountyError(countyCode);
  return found;
}

/**
 * The shards that can hold rows under any of these division (or grid) prefixes: a prefix at county level or below
 * names one county, a city's or province's prefix every county under it. `"all"` is every shard.
 */
export function readModelsUnder(env: Env, prefixes: readonly string[] | "all"): ReadModel[] {
  const models = readModels(env);
  if (prefixes === "all") return models;
  return models.filter((m) =>
    prefixes.some((p) => (p.length >= 6 ? m.county6 === shardKeyOf(p) : m.county6.startsWith(p))),
  );
}
