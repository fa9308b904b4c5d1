import { maskName, type TagKindCode, type VisitEvery, type VisitPlanEntry } from "@civicgrid/contracts";
import { and, eq, gt, inArray, isNotNull, isNull, max, or } from "drizzle-orm";
import { gridTotals, planCounts, planEntries, type PlannedPerson } from "../../domain/visit-plan";
import type { VillageDb } from "../db";
import { enqueue, villageEvent } from "../outbox";
import { people, tags, visits } from "../schema";

/** Present people of the village with their open tags and the last visit to each. */
function plannedPeople(db: VillageDb, today: string): PlannedPerson[] {
  const rows = db
    .select({ personId: people.id, name: people.name, gridCode: people.gridCode, kind: tags.kind, start: tags.start })
    .from(tags)
    .innerJoin(people, eq(people.id, tags.personId))
    .where(and(eq(people.status, "present"), isNotNull(people.gridCode), or(isNull(tags.end), gt(tags.end, today))))
    .all();
  const ids = [...new Set(rows.map((r) => r.personId))];
  const last = new Map<string, string | null>();
  // At most 90 ids a statement: the object's SQLite binds no more than 100 values in one.
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const visited = db
      .select({ id: visits.targetId, at: max(visits.visitedAt) })
      .from(visits)
      .where(and(eq(visits.targetKind, "person"), inArray(visits.targetId, chunk)))
      .groupBy(visits.targetId)
      .all();
    for (const v of visited) last.set(v.id, v.at);
  }
  const byPerson = new Map<string, PlannedPerson>();
  for (const r of rows) {
    const person = byPerson.get(r.personId) ?? {
      personId: r.personId,
      name: r.name,
      gridCode: r.gridCode!,
      tags: [],
      lastVisitAt: last.get(r.personId) ?? null,
    };
    person.tags.push({ kind: r.kind as TagKindCode, start: r.start });
    byPerson.set(r.personId, person);
  }
  return [...byPerson.values()];
}

/** The village's plan on `today` (Asia/Shanghai), names masked before they leave the object. */
export function visitPlan(
  db: VillageDb,
  rules: Readonly<Record<string, VisitEvery | null>>,
  today: string,
): VisitPlanEntry[] {
  return planEntries(plannedPeople(db, today), rules, today).map((e) => ({ ...e, name: maskName(e.name) }));
}

/**
 * The daily reminder (Gansu 二(一)2: the worker keeps to the visit rhythm): per grid with visits due or overdue,
 * one `basedata.visit.reminder` with the counts only (never who), keyed by grid and day so a second run the same
 * day adds nothing. Answers every grid's totals for the counts (底数).
 */
export function remindVisits(
  db: VillageDb,
  villageCode: string,
  rules: Readonly<Record<string, VisitEvery | null>>,
  today: string,
  now: Date,
): { gridCode: string; due: number; overdue: number }[] {
  const totals = [...gridTotals(planCounts(visitPlan(db, rules, today)))].map(([gridCode, t]) => ({ gridCode, ...t }));
  const type = "basedata.visit.reminder";
  const version = Number(today.replaceAll("-", ""));
  for (const t of totals) {
    if (t.due + t.overdue === 0) continue;
    const data = { gridCode: t.gridCode, villageCode, day: today, due: t.due, overdue: t.overdue };
    const event = villageEvent(type, villageCode, t.gridCode, version, data, now);
    enqueue(db, "notifications", event.id, event);
  }
  return totals;
}
