import type { CronJob } from "@civicgrid/http";
import type { Env } from "./env";
import { rollupDay } from "./facts/rollup";
import { addDays, dayOf, isoWeekOf, monthOf } from "./periods";
import { recomputePeriod } from "./recompute";

/** Days the daily cron looks back over for a day it has not rolled up (a missed run, a late deploy). */
const CATCH_UP_DAYS = 7;

/** 00:10 Asia/Shanghai: yesterday's facts, plus any recent day never rolled up. */
export const dailyFacts: CronJob<Env> = async (env, _ctx, scheduledTime) => {
  const yesterday = addDays(dayOf(scheduledTime), -1);
  const days = Array.from({ length: CATCH_UP_DAYS }, (_, i) => addDays(yesterday, -i));
  const { results } = await env.DB.prepare(`SELECT day FROM fact_runs WHERE day IN (${days.map((_, i) => `?${i + 1}`).join(", ")})`)
    .bind(...days)
    .all<{ day: string }>();
  const done = new Set(results.map((r) => r.day));
  const todo = days.filter((d) => d === yesterday || !done.has(d));
  for (const day of todo) await rollupDay(env.DB, day);
  return { days: todo };
};

/**
 * 00:30 Asia/Shanghai, after the daily facts: rankings of the last closed ISO week, month and year
 * (the year as the yearly evaluation) when they have not been computed yet.
 */
export const closedPeriodRankings: CronJob<Env> = async (env, _ctx, scheduledTime) => {
  const today = dayOf(scheduledTime);
  const yesterday = addDays(today, -1);
  // A week closes on its Sunday (ISO weekday 7), a month on its last day, a year on 31 December.
  const isoWeekday = (new Date(`${yesterday}T00:00:00Z`).getUTCDay() + 6) % 7;
  const lastSunday = addDays(yesterday, -((isoWeekday + 1) % 7));
  const candidates = [isoWeekOf(lastSunday), monthOf(addDays(`${monthOf(today)}-01`, -1)), String(Number(today.slice(0, 4)) - 1)];
  const computed: string[] = [];
  for (const period of candidates) {
    const run = await env.DB.prepare("SELECT 1 AS one FROM ranking_runs WHERE period = ?1 LIMIT 1").bind(period).first();
    if (run) continue;
    await recomputePeriod(env.DB, period, "", { facts: false });
    // Marks the period done even when no county had facts, so the cron does not redo it every night.
    await env.DB.prepare("INSERT OR IGNORE INTO ranking_runs (kind, period, county_code, subjects, computed_at) VALUES ('cron', ?1, '*', 0, ?2)")
      .bind(period, new Date().toISOString())
      .run();
    computed.push(period);
  }
  return { computed };
};
