/**
 * County shards (issue 17, "years of data"): a store that grows with a city's events lives in one D1 database per
 * county, bound as `<STORE>_<first 6 digits of the county code>` (generated into each wrangler.toml from
 * infra/shards/counties.json by `npm run shards:generate`). Every shard of a store has the same schema; a row lies in
 * the shard of the county its division (or grid) code starts with. The cases read model (`CASES_*`) and the
 * assessments' event facts (`FACTS_*`) route through here.
 */

/** The sharded stores, by their bindings' prefix, and what each holds (for the error of a missing county). */
const STORES = { CASES: "cases read-model database", FACTS: "facts shard" } as const;
export type ShardedStore = keyof typeof STORES;

/** The bindings of a store's shards, as a service's Env declares them. */
export type ShardBindings<S extends ShardedStore> = { [binding in `${S}_${string}`]: D1Database };

/** One county's database of a sharded store. */
export interface CountyShard {
  /** The shard's key: the county code's first 6 digits (also the key of its `x-d1-bookmark` entry). */
  county6: string;
  /** The county it holds, as a 12-digit division code. */
  countyCode: string;
  db: D1Database;
}

/** A code whose county has no shard in this deployment: its rows have nowhere to go. */
export class UnknownCountyError extends Error {
  constructor(
    readonly store: ShardedStore,
    readonly countyCode: string,
  ) {
    super(
      `no ${STORES[store]} for county ${countyCode} (binding ${store}_${countyCode.slice(0, 6)}): add the county to ` +
        "infra/shards/counties.json and run npm run shards:generate",
    );
    this.name = "UnknownCountyError";
  }
}

const COUNTY6 = /^\d{6}$/;
/** Per env object (one per isolate in a deployment) and store: the bindings do not change while it lives. */
const listed = new WeakMap<object, Map<ShardedStore, readonly CountyShard[]>>();

/** Every shard of a store bound in `env`, in county order. */
export function countyShards<S extends ShardedStore>(env: ShardBindings<S>, store: S): readonly CountyShard[] {
  let stores = listed.get(env);
  if (!stores) listed.set(env, (stores = new Map()));
  let shards = stores.get(store);
  if (!shards) {
    const bindings = env as Record<string, D1Database | undefined>;
    shards = Object.keys(env)
      .filter((name) => name.startsWith(`${store}_`) && COUNTY6.test(name.slice(store.length + 1)))
      .sort()
      .flatMap((name) => {
        const county6 = name.slice(store.length + 1);
        const db = bindings[name];
        return db ? [{ county6, countyCode: `${county6}000000`, db }] : [];
      });
    stores.set(store, shards);
  }
  return shards;
}

/**
 * The shard of the county a code lies in (any division code at county level or below, or a grid code: its first
 * 6 digits). Throws {@link UnknownCountyError} for a county the deployment has no shard of.
 */
export function shardOf<S extends ShardedStore>(env: ShardBindings<S>, store: S, code: string): CountyShard {
  const county6 = /^\d{6}/.test(code) ? code.slice(0, 6) : undefined;
  const found = county6 === undefined ? undefined : countyShards(env, store).find((s) => s.county6 === county6);
  if (!found) throw new UnknownCountyError(store, code);
  return found;
}

/**
 * Whether a county's shard can hold rows under a division (or grid) prefix: a prefix of up to 6 digits (a province's,
 * a city's, a county's; '' for all) reaches every county it starts, a longer one (a township, a village, a grid)
 * the one county it lies in. `county` is the county's code or its first 6 digits.
 */
export const reaches = (county: string, prefix: string): boolean =>
  prefix.length <= 6 ? county.startsWith(prefix) : prefix.startsWith(county.slice(0, 6));

/** The shards any of some division (or grid) prefixes reach ({@link reaches}), in the order given. */
export function shardsUnder<T extends { county6: string }>(shards: readonly T[], prefixes: readonly string[]): T[] {
  return shards.filter((s) => prefixes.some((p) => reaches(s.county6, p)));
}
