import type { TagKindCode, VisitEvery, VisitPlanCount, VisitPlanEntry, VisitStatus } from "@civicgrid/contracts";

/**
 * Visit plans (走访计划, Gansu 二(一)2: the special groups are visited regularly; the county sets how often): for each
 * present person with an open tag whose kind has a rule, the next visit is due one rule's span after the later of
 * the last visit to them and the tag's start (a new tag starts its own clock). Days are Asia/Shanghai calendar days:
 * China has kept a fixed UTC+08:00 without daylight saving since 1991, so no time-zone data is needed.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** A visit falling due within this many days is "due" (a reminder goes out), later ones "ok". */
export const DUE_WITHIN_DAYS = 3;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant; a bare date stays as it is. */
export function shanghaiDay(at: Date | string): string {
  if (typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  const ms = typeof at === "string" ? Date.parse(at) : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/**
 * The day one rule's span after `day`. Months are calendar months clamped to the month's end, so a visit on 31
 * January is next due on 28 (or 29) February, not in March.
 */
export function addEvery(day: string, every: VisitEvery): string {
  if (every.unit === "day") return dayOfMs(dayMs(day) + every.amount * DAY_MS);
  if (every.unit === "week") return dayOfMs(dayMs(day) + every.amount * 7 * DAY_MS);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + every.amount;
  const year = Math.floor(months / 12);
  const month = months % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOfMs(Date.UTC(year, month, Math.min(d, last)));
}

export function statusOf(dueOn: string, today: string): VisitStatus {
  const left = daysBetween(today, dueOn);
  if (left < 0) return "overdue";
  return left <= DUE_WITHIN_DAYS ? "due" : "ok";
}

/** A present person's open tags and the last visit to them, as the village object reads them. */
export interface PlannedPerson {
  personId: string;
  name: string;
  gridCode: string;
  tags: { kind: TagKindCode; start: string }[];
  lastVisitAt: string | null;
}

/** The plan entry of every (person, tag) whose kind has a rule in force; the name as given (the caller masks). */
export function planEntries(
  people: readonly PlannedPerson[],
  rules: Readonly<Record<string, VisitEvery | null>>,
  today: string,
): VisitPlanEntry[] {
  const out: VisitPlanEntry[] = [];
  for (const person of people) {
    const lastVisitOn = person.lastVisitAt ? shanghaiDay(person.lastVisitAt) : null;
    for (const tag of person.tags) {
      const rule = rules[tag.kind];
      if (!rule) continue;
      const start = shanghaiDay(tag.start);
      const from = lastVisitOn && lastVisitOn > start ? lastVisitOn : start;
      const dueOn = addEvery(from, rule);
      const { personId, name, gridCode } = person;
      out.push({ personId, name, gridCode, tagKind: tag.kind, lastVisitOn, dueOn, status: statusOf(dueOn, today) });
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.personId.localeCompare(b.personId));
}

/** Counts per grid and tag kind: aggregate, so agencies may read them for every kind. */
export function planCounts(entries: readonly VisitPlanEntry[]): VisitPlanCount[] {
  const cells = new Map<string, VisitPlanCount>();
  for (const e of entries) {
    const key = `${e.gridCode}|${e.tagKind}`;
    const cell = cells.get(key) ?? { gridCode: e.gridCode, tagKind: e.tagKind, ok: 0, due: 0, overdue: 0 };
    cell[e.status]++;
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.gridCode.localeCompare(b.gridCode) || a.tagKind.localeCompare(b.tagKind));
}

/** Visits due and overdue per grid: what the counts (底数) keep and the reminders say. */
export function gridTotals(counts: readonly VisitPlanCount[]): Map<string, { due: number; overdue: number }> {
  const out = new Map<string, { due: number; overdue: number }>();
  for (const c of counts) {
    const t = out.get(c.gridCode) ?? { due: 0, overdue: 0 };
    out.set(c.gridCode, { due: t.due + c.due, overdue: t.overdue + c.overdue });
  }
  return out;
}
