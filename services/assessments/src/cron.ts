import type { CronJob } from "@civicgrid/http";
import { addDays, dayOf, isoWeekOf, monthOf } from "./domain/periods";
import type { Env } from "./env";
import { recomputePeriod } from "./recompute";
import { rollupShard } from "./rollups";
import { dbOf } from "./store/db";
import { dirtyDays, markPeriodRanked, periodRanked, rolledUpDays } from "./store/runs";
import { allFacts } from "./store/shards";

/** Days the daily cron looks back over for a day it has not rolled up (a missed run, a late deploy). */
const CATCH_UP_DAYS = 7;

/**
 * 00:10 Asia/Shanghai: yesterday's facts, plus any recent day never rolled up, on every county's shard in parallel
 * (each shard keeps which days it has rolled up). Answers every day rolled up on some shard.
 */
export const dailyFacts: CronJob<Env> = async (env, _ctx, scheduledTime) => {
  const yesterday = addDays(dayOf(scheduledTime), -1);
  const days = Array.from({ length: CATCH_UP_DAYS }, (_, i) => addDays(yesterday, -i));
  const rolled = await Promise.all(
    allFacts(env).map(async (shard) => {
      const done = await rolledUpDays(shard.db, days);
      const todo = days.filter((d) => d === yesterday || !done.has(d));
      await rollupShard(env, shard, todo);
      return todo;
    }),
  );
  return { days: [...new Set(rolled.flat())].sort() };
};

/**
 * Every minute: the days the event consumers marked for later (rollups.ts rollupSoon) rolled up on every shard.
 * Answers the days rolled up.
 */
export const pendingRollups: CronJob<Env> = async (env) => {
  const rolled = await Promise.all(
    allFacts(env).map(async (shard) => {
      const days = await dirtyDays(shard.db);
      await rollupShard(env, shard, days);
      return days;
    }),
  );
  return { days: [...new Set(rolled.flat())].sort() };
};

/**
 * 00:30 Asia/Shanghai, after the daily facts: rankings of the last closed ISO week, month and year
 * (the year as the yearly evaluation) when they have not been computed yet.
 */
export const closedPeriodRankings: CronJob<Env> = async (env, _ctx, scheduledTime) => {
  const db = dbOf(env.DB);
  const today = dayOf(scheduledTime);
  const yesterday = addDays(today, -1);
  // A week closes on its Sunday (ISO weekday 7), a month on its last day, a year on 31 December.
  const isoWeekday = (new Date(`${yesterday}T00:00:00Z`).getUTCDay() + 6) % 7;
  const lastSunday = addDays(yesterday, -((isoWeekday + 1) % 7));
  const lastMonth = monthOf(addDays(`${monthOf(today)}-01`, -1));
  const candidates = [isoWeekOf(lastSunday), lastMonth, String(Number(today.slice(0, 4)) - 1)];
  const computed: string[] = [];
  for (const period of candidates) {
    if (await periodRanked(db, period)) continue;
    await recomputePeriod(env, period, "", { facts: false });
    await markPeriodRanked(db, period);
    computed.push(period);
  }
  return { computed };
};
