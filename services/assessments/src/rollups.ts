import type { Env } from "./env";
import { dbOf } from "./store/db";
import { rollupDays } from "./store/rollup";
import { lastRollups, markDirty } from "./store/runs";
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

/** Seconds between two rollups of the same day on a shard from the event consumers (ROLLUP_EVERY_S, default 30). */
export function rollupEveryMs(env: Pick<Env, "ROLLUP_EVERY_S">): number {
  const seconds = Number(env.ROLLUP_EVERY_S ?? 30);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

/**
 * After a consumer stored events of some days (issue 17): a day's rollup recomputes the whole day of the county from
 * its stored events, so rolling it up after every batch would cost more with every event of the day (at a city's
 * thousands of cases a day, quadratic). A day not rolled up within ROLLUP_EVERY_S is rolled up now; the others are
 * marked and left to the minute cron (`pendingRollups`), which rolls up every marked day. So a day's facts lag its
 * events by at most ROLLUP_EVERY_S plus a minute, and a day costs at most one rollup per interval per county,
 * whatever the rate of events. A rollup clears the mark in the same transaction that reads the events, and a
 * consumer marks only after storing, so no event is left out.
 */
export async function rollupSoon(env: Env, shard: Shard, days: readonly string[], now = new Date()): Promise<void> {
  if (days.length === 0) return;
  const last = await lastRollups(shard.db, days);
  const every = rollupEveryMs(env);
  const due = days.filter((d) => {
    const at = last.get(d);
    return at === undefined || Date.parse(at) <= now.getTime() - every;
  });
  const later = days.filter((d) => !due.includes(d));
  await markDirty(shard.db, later, now.toISOString());
  await rollupShard(env, shard, due);
}
