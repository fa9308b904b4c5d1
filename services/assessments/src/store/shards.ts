import type { ListScope } from "@civicgrid/auth";
import { dbOf, type Db } from "./db";

/**
 * The county shards of the event facts (issue 17, "years of data"): one D1 database per county, bound as
 * `FACTS_<first six digits of the county code>` (infra/shards/counties.json, `npm run shards:generate`). Each
 * carries the whole schema (the same migrations as `DB`); the facts of a county live in its shard only, the
 * city-wide tables (settings, rules, rankings, runs, idempotency keys) in `DB` only. See index.ts.
 */
export type FactsBindings = { [binding: `FACTS_${string}`]: D1Database };

/** One county's facts database: the county (12 digits) and the database through drizzle. */
export interface Shard {
  countyCode: string;
  db: Db;
}

const BINDING = /^FACTS_(\d{6})$/;
/** One drizzle instance per binding for the isolate's life: a fixed handful (the counties), so bounded. */
const instances = new WeakMap<D1Database, Db>();
function drizzleOf(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) instances.set(d1, (db = dbOf(d1)));
  return db;
}
const bindingOf = (countyCode: string) => `FACTS_${countyCode.slice(0, 6)}` as const;

/**
 * The shard of the county `code` lies in (any division code at county level or below, or a grid code). Throws for
 * a county the deployment has no shard of: its facts have nowhere to go.
 */
export function factsOf(env: FactsBindings, code: string): Shard {
  const d1 = /^\d{6}/.test(code) ? env[bindingOf(code)] : undefined;
  if (!d1) {
    throw new Error(
      `no facts shard for county ${code.slice(0, 6)} (binding ${bindingOf(code)}): add the county to ` +
        "infra/shards/counties.json and run `npm run shards:generate`",
    );
  }
  return { countyCode: `${code.slice(0, 6)}000000`, db: drizzleOf(d1) };
}

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
export function allFacts(env: FactsBindings): Shard[] {
  return Object.keys(env)
    .map((binding) => BINDING.exec(binding)?.[1])
    .filter((key) => key !== undefined)
    .sort()
    .map((key) => ({ countyCode: `${key}000000`, db: drizzleOf(env[`FACTS_${key}`]!) }));
}

/**
 * The shards a division prefix reaches ('' for all): the one county of a county-or-lower prefix, every county
 * under a city or province prefix, none for a place outside the counties served.
 */
export function factsUnder(env: FactsBindings, prefix: string): Shard[] {
  return factsUnderAny(env, [prefix]);
}

/** Whether a county's shard holds facts under a division prefix: the county is in it, or it is in the county. */
export const reaches = (countyCode: string, prefix: string) =>
  prefix.length <= 6 ? countyCode.startsWith(prefix) : prefix.startsWith(countyCode.slice(0, 6));

/** The shards any of some division prefixes reach (see factsUnder). */
export function factsUnderAny(env: FactsBindings, prefixes: readonly string[]): Shard[] {
  return allFacts(env).filter(({ countyCode }) => prefixes.some((p) => reaches(countyCode, p)));
}

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
