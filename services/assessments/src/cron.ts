import type { CronJob } from "@civicgrid/http";
import { addDays, dayOf, isoWeekOf, monthOf } from "./domain/periods";
import type { Env } from "./env";
import { recomputePeriod } from "./recompute";
import { dbOf } from "./store/db";
import { rollupDay } from "./store/rollup";
import { markPeriodRanked, periodRanked, rolledUpDays } from "./store/runs";

/** Days the daily cron looks back over for a day it has not rolled up (a missed run, a late deploy). */
const CATCH_UP_DAYS = 7;

/** 00:10 Asia/Shanghai: yesterday's facts, plus any recent day never rolled up. */
export const dailyFacts: CronJob<Env> = async (env, _ctx, scheduledTime) => {
  const db = dbOf(env.DB);
  const yesterday = addDays(dayOf(scheduledTime), -1);
  const days = Array.from({ length: CATCH_UP_DAYS }, (_, i) => addDays(yesterday, -i));
  const done = await rolledUpDays(db, days);
  const todo = days.filter((d) => d === yesterday || !done.has(d));
  for (const day of todo) await rollupDay(db, day);
  return { days: todo };
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
    await recomputePeriod(db, period, "", { facts: false });
    await markPeriodRanked(db, period);
    computed.push(period);
  }
  return { computed };
};
