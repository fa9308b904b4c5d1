import type { ListScope } from "@civicgrid/auth";
import { countyShards, shardOf, shardsUnder, type CountyShard, type ShardBindings } from "@civicgrid/http";
import { dbOf, type Db } from "./db";

/**
 * The county shards of the event facts (issue 17, "years of data"): one D1 database per county, bound as
 * `FACTS_<first six digits of the county code>` (infra/shards/counties.json, `npm run shards:generate`; the routing
 * is @civicgrid/http's shards.ts, shared with the cases read model). Each carries the whole schema (the same
 * migrations as `DB`); the facts of a county live in its shard only, the city-wide tables (settings, rules,
 * rankings, runs, idempotency keys) in `DB` only. See index.ts.
 */
export type FactsBindings = ShardBindings<"FACTS">;

/** One county's facts database: the county (12 digits) and the database through drizzle. */
export interface Shard {
  countyCode: string;
  db: Db;
}

/** A county's shard through drizzle (dbOf keeps one handle per binding for the isolate's life). */
const factsShard = ({ countyCode, db }: CountyShard): Shard => ({ countyCode, db: dbOf(db) });

/**
 * The shard of the county `code` lies in (any division code at county level or below, or a grid code). Throws
 * (UnknownCountyError) for a county the deployment has no shard of: its facts have nowhere to go.
 */
export const factsOf = (env: FactsBindings, code: string): Shard => factsShard(shardOf(env, "FACTS", code));

/** Items grouped by the shard each belongs to, in the order each shard was first met. */
export function byShard<T>(items: readonly { shard: Shard; item: T }[]): { shard: Shard; items: T[] }[] {
  const groups = new Map<string, { shard: Shard; items: T[] }>();
  for (const { shard, item } of items) {
    const group = groups.get(shard.countyCode);
    if (group) group.items.push(item);
    else groups.set(shard.countyCode, { shard, items: [item] });
  }
  return [...groups.values()];
}

/** Every county's facts database (every FACTS_* binding), by county code. */
export const allFacts = (env: FactsBindings): Shard[] => countyShards(env, "FACTS").map(factsShard);

/**
 * The shards a division prefix reaches ('' for all): the one county of a county-or-lower prefix, every county
 * under a city or province prefix, none for a place outside the counties served.
 */
export function factsUnder(env: FactsBindings, prefix: string): Shard[] {
  return factsUnderAny(env, [prefix]);
}

/** The shards any of some division prefixes reach (see factsUnder). */
export const factsUnderAny = (env: FactsBindings, prefixes: readonly string[]): Shard[] =>
  shardsUnder(countyShards(env, "FACTS"), prefixes).map(factsShard);

/**
 * The shards a caller's list scopes reach: a division prefix or some grids (codes begin with their county's)
 * narrow to their counties; every row, or an owner's (a department, a mediator), spans them all.
 */
export function factsInScopes(env: FactsBindings, scopes: readonly ListScope[]): Shard[] {
  const prefixes: string[] = [];
  for (const s of scopes) {
    if ("all" in s || "ownerSub" in s) return allFacts(env);
    if ("prefix" in s) prefixes.push(s.prefix);
    else prefixes.push(...s.grids);
  }
  return factsUnderAny(env, prefixes);
}

/** One query on each shard, in parallel; the answers in shard order. */
export const eachShard = <T>(shards: readonly Shard[], query: (db: Db, countyCode: string) => Promise<T>) =>
  Promise.all(shards.map((s) => query(s.db, s.countyCode)));
