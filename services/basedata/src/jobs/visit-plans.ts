import { countyOf, townshipOf } from "@civicgrid/contracts";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { shanghaiDay } from "../domain/visit-plan";
import { villageStub, type Env } from "../env";
import { database } from "../store/db";
import { gridCounts } from "../store/schema";
import { villagesUnder } from "../store/villages";
import { settingsOf } from "../store/settings";
import type { DailyJob } from "./daily";

type Totals = { gridCode: string; due: number; overdue: number }[];

/**
 * Writes a village's visits due and overdue into grid_counts: these two columns only (the counts of people, houses
 * and units are another job's, which never writes these), a missing row inserted with zeros elsewhere at version 0
 * so that job's first push still wins; grids of the village with nothing due any more go back to zero.
 */
async function writeCounts(d1: D1Database, villageCode: string, totals: Totals, at: Date) {
  const db = database(d1);
  const planned = totals.map((t) => t.gridCode);
  const asOf = at.toISOString();
  await db.batch([
    db
      .update(gridCounts)
      .set({ visitsDue: 0, visitsOverdue: 0 })
      .where(
        and(
          eq(gridCounts.villageCode, villageCode),
          planned.length > 0 ? notInArray(gridCounts.gridCode, planned) : undefined,
        ),
      ),
    ...totals.map((t) =>
      db
        .insert(gridCounts)
        .values({
          gridCode: t.gridCode,
          villageCode,
          townshipCode: townshipOf(villageCode) ?? villageCode,
          countyCode: countyOf(villageCode),
          visitsDue: t.due,
          visitsOverdue: t.overdue,
          version: 0,
          asOf,
        })
        .onConflictDoUpdate({
          target: gridCounts.gridCode,
          set: { visitsDue: sql`excluded.visits_due`, visitsOverdue: sql`excluded.visits_overdue` },
        }),
    ),
  ]);
}

/**
 * The daily visit plans (Gansu 二(一)2): for every village holding base data, its plan under its county's rules,
 * the counts per grid, and a reminder per grid with visits due or overdue (through the village's outbox).
 */
export const visitPlansJob: DailyJob = {
  name: "visit-plans",
  async run(env: Env, at: Date) {
    const today = shanghaiDay(at);
    const rows = await villagesUnder(env.DB, "");
    const rulesOf = new Map<string, Promise<Awaited<ReturnType<typeof settingsOf>>>>();
    let reminders = 0;
    for (const v of rows) {
      if (!rulesOf.has(v.countyCode)) rulesOf.set(v.countyCode, settingsOf(env.DB, v.countyCode));
      const rules = (await rulesOf.get(v.countyCode)!).effectiveVisitRules;
      const totals = await villageStub(env, v.code).remindVisits(v.code, rules, today);
      await writeCounts(env.DB, v.code, totals, at);
      reminders += totals.filter((t) => t.due + t.overdue > 0).length;
    }
    return { villages: rows.length, reminders };
  },
};
