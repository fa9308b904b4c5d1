import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "./db";
import { factRuns, rankingRuns } from "./schema";

/** Which of `days` the daily rollup has run for. */
export async function rolledUpDays(db: Db, days: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .select({ day: factRuns.day })
    .from(factRuns)
    .where(inArray(factRuns.day, [...days]))
    .all();
  return new Set(rows.map((r) => r.day));
}

/** When each of `days` was last rolled up (a day never rolled up is absent). */
export async function lastRollups(db: Db, days: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ day: factRuns.day, computedAt: factRuns.computedAt })
    .from(factRuns)
    .where(inArray(factRuns.day, [...days]))
    .all();
  return new Map(rows.map((r) => [r.day, r.computedAt]));
}

/** Marks days rolled up before as having events since (the first mark's time is kept). */
export async function markDirty(db: Db, days: readonly string[], at: string): Promise<void> {
  if (days.length === 0) return;
  await db
    .update(factRuns)
    .set({ dirtySince: at })
    .where(and(inArray(factRuns.day, [...days]), isNull(factRuns.dirtySince)))
    .run();
}

/** The days with events stored since their last rollup, oldest first. */
export async function dirtyDays(db: Db): Promise<string[]> {
  const rows = await db
    .select({ day: factRuns.day })
    .from(factRuns)
    .where(isNotNull(factRuns.dirtySince))
    .orderBy(factRuns.day)
    .all();
  return rows.map((r) => r.day);
}

/** Whether any ranking of the period was computed (by the cron or a recompute). */
export async function periodRanked(db: Db, period: string): Promise<boolean> {
  const row = await db
    .select({ one: rankingRuns.period })
    .from(rankingRuns)
    .where(eq(rankingRuns.period, period))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Marks a period done by the cron even when no county had facts, so the cron does not redo it every night. */
export async function markPeriodRanked(db: Db, period: string): Promise<void> {
  await db
    .insert(rankingRuns)
    .values({ kind: "cron", period, countyCode: "*", subjects: 0, computedAt: new Date().toISOString() })
    .onConflictDoNothing()
    .run();
}
