import type { Env } from "./env";
import { dbOf } from "./store/db";
import { rollupDays } from "./store/rollup";
import { loadSettings } from "./store/settings";
import type { Shard } from "./store/shards";

/**
 * Rolls up some days on one county's shard, a month's days a D1 batch, with the county's daily patrol minimum read from
 * its settings in DB (city-wide). `countyPrefix` narrows a recompute to a jurisdiction ('' for the whole shard).
 */
export async function rollupShard(env: Env, shard: Shard, days: readonly string[], countyPrefix = ""): Promise<void> {
  if (days.length === 0) return;
  const { dailyPatrolMinutes } = await loadSettings(dbOf(env.DB), shard.countyCode);
  await rollupDays(shard.db, days, { countyPrefix, minimumMinutes: dailyPatrolMinutes });
}
