import { eq, inArray } from "drizzle-orm";
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
