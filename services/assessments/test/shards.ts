import { countyShards } from "@civicgrid/http";
import { env } from "cloudflare:workers";

/** Every county shard's D1 database (the FACTS_* bindings, as the service lists them), by county. */
export const allFactsBindings = (): D1Database[] => countyShards(env, "FACTS").map((s) => s.db);

/** A county's shard, by its county code (12 digits). */
export const shardOf = (countyCode: string): D1Database => env[`FACTS_${countyCode.slice(0, 6)}`]!;

/** The rows a query answers on every county shard, one after another (shards by county). */
export async function onEveryShard(sql: string, ...binds: unknown[]): Promise<Record<string, unknown>[]> {
  const answers = await Promise.all(
    allFactsBindings().map((d1) =>
      d1
        .prepare(sql)
        .bind(...binds)
        .all(),
    ),
  );
  return answers.flatMap((a) => a.results);
}
