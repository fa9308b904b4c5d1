import { isWorkingDay } from "@civicgrid/calendar";
import { INDICATORS, type EventEnvelope, type Patrol, type RankingKind, type RankingRow } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import AssessmentsService from "../src/index";
import { get, send } from "./helpers";
import { EVENTS, GRID_1, GRID_2, HOUSING, POLICE } from "./scenario";

/**
 * Issue 12 item 9: every ranking component, recomputed here by hand from the raw events (each event counted
 * for the unit that acted, or the unit answerable for the late step), equals what the queue consumer, the
 * daily rollup and the ranking made of the same events. A return counts against the department that returned.
 */
type Data = {
  actor: { sub: string; role: string; unit: string };
  leadDepartmentId: string | null;
  responsibleUnit: string | null;
  dueAt: string | null;
  gridCode: string;
  rating?: string | null;
};
const data = (e: EventEnvelope) => e.data as unknown as Data;
const sameCase = (e: EventEnvelope) => EVENTS.filter((p) => p.aggregateId === e.aggregateId);
const previous = (e: EventEnvelope) => sameCase(e).find((p) => p.version === e.version - 1);
const onTime = (e: EventEnvelope) => {
  const due = previous(e) && data(previous(e)!).dueAt;
  return !due || Date.parse(e.occurredAt) <= Date.parse(due);
};
const hadOrder = (e: EventEnvelope) =>
  sameCase(e).some((p) => p.version < e.version && p.type === "case.work_order_created");
const count = (pred: (e: EventEnvelope) => boolean) => EVENTS.filter(pred).length;
const is =
  (...types: string[]) =>
  (e: EventEnvelope) =>
    types.includes(e.type);
const actedBy = (unit: string) => (e: EventEnvelope) => data(e).actor.unit === unit || data(e).actor.sub === unit;
const and =
  (...preds: ((e: EventEnvelope) => boolean)[]) =>
  (e: EventEnvelope) =>
    preds.every((p) => p(e));

// The 考核细则 formulas: a rate with nothing to measure is 100; counts are scored against the county's best.
const rate = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 100);
const free = (bad: number, whole: number) => (whole > 0 ? Math.max(0, 100 - (bad / whole) * 100) : 100);
/** Working days of a month by the national calendar (Monday to Friday beyond its data). */
function workingDaysOf(month: string): number {
  const length = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  const days = Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
  return days.filter((d) => {
    try {
      return isWorkingDay(d);
    } catch {
      return ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  }).length;
}
const NOVEMBER_WORKING_DAYS = workingDaysOf("2026-11");

function department(id: string): Record<string, number> {
  const dispatched = count(and(is("case.dispatched"), (e) => data(e).leadDepartmentId === id));
  const signed = and(is("case.signed"), actedBy(id));
  const handled = and(is("case.handled"), actedBy(id));
  // The department that answered "not ours" is the actor of the return; a reopening rejects the lead it had.
  const returned = count(and(is("case.returned"), actedBy(id)));
  const ratedLead = (e: EventEnvelope) => {
    if (e.type === "case.rated") return data(e).leadDepartmentId;
    return e.type === "case.reopened" ? data(previous(e)!).leadDepartmentId : null;
  };
  const points: Record<string, number> = { satisfied: 100, basically_satisfied: 80 };
  const ratings = EVENTS.filter((e) => ratedLead(e) === id).map((e) => points[data(e).rating ?? ""] ?? 0);
  const answerable = (...types: string[]) => count(and(is(...types), (e) => data(e).responsibleUnit === id));
  return {
    signed_on_time_rate: rate(count(and(signed, onTime)), count(signed)),
    handled_on_time_rate: rate(count(and(handled, onTime)), count(handled)),
    return_free_rate: free(returned, dispatched),
    overdue_free_rate: free(answerable("case.overdue"), dispatched),
    warning_free_rate: free(answerable("case.deadline_warning", "case.supervised"), dispatched),
    satisfaction: ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : 100,
  };
}

function area(inArea: (e: EventEnvelope) => boolean, grids: number, patrolledDays: number): Record<string, number> {
  const reported = count(and(inArea, is("case.reported")));
  // An overdue step counts here when the area's own agencies (village or township) were answerable for it.
  const ownAgencies = (e: EventEnvelope) => (data(e).responsibleUnit ?? "").startsWith("440703001");
  const ownOverdue = count(and(inArea, is("case.overdue"), ownAgencies));
  return {
    patrol_days_rate: rate(patrolledDays, NOVEMBER_WORKING_DAYS * grids),
    cases_reported: reported,
    resolved_on_site_rate: rate(count(and(inArea, is("case.resolved_on_site"))), reported),
    closed_rate: rate(count(and(inArea, is("case.check_passed", "case.resolved_on_site"))), reported),
    overdue_free_rate: free(ownOverdue, reported),
  };
}

function worker(sub: string, patrolDays: number): Record<string, number> {
  const own = and(actedBy(sub), (e) => data(e).actor.role === "grid_worker");
  const orders = and(own, is("case.verified", "case.resolved_on_site"), hadOrder);
  return {
    checkin_rate: 0,
    patrol_rate: rate(patrolDays, NOVEMBER_WORKING_DAYS),
    cases_reported: count(and(own, is("case.reported"))),
    verify_count: count(and(own, is("case.verified"))),
    resolved_on_site: count(and(own, is("case.resolved_on_site"))),
    orders_on_time_rate: rate(count(and(orders, onTime)), count(orders)),
  };
}

// Grid 1's worker patrols 125 minutes on 3 November: one day at the 120-minute minimum, in grid 1 only.
const inGrid = (grid: string) => (e: EventEnvelope) => data(e).gridCode === grid;
const EXPECTED: Record<RankingKind, Record<string, Record<string, number>>> = {
  department: { [POLICE]: department(POLICE), [HOUSING]: department(HOUSING) },
  grid: { [GRID_1]: area(inGrid(GRID_1), 1, 1), [GRID_2]: area(inGrid(GRID_2), 1, 0) },
  township: { "440703001000": area(() => true, 2, 1) },
  worker: { "t-worker": worker("t-worker", 1), "t-worker-b": worker("t-worker-b", 0) },
};

async function patrolNovemberThird() {
  const start = Date.parse("2026-11-03T01:00:00Z");
  const res = await send(principals.gridWorker, "POST", "/v1/patrols", { at: new Date(start).toISOString() });
  const patrol = await res.json<Patrol>();
  const at = (i: number) => new Date(start + i * 5 * 60_000).toISOString();
  const points = Array.from({ length: 26 }, (_, i) => ({ lng: 113.0005 + i * 0.0003, lat: 22.505, at: at(i) }));
  expect((await send(principals.gridWorker, "POST", `/v1/patrols/${patrol.id}/points`, { points })).status).toBe(200);
  const ended = await send(principals.gridWorker, "POST", `/v1/patrols/${patrol.id}/end`, { at: at(25) });
  expect(await ended.json()).toMatchObject({ countedMinutes: 125 });
}

async function recomputeMonth(period: string) {
  const res = await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period });
  expect(res.status).toBe(200);
}

async function ranking(kind: RankingKind, period: string): Promise<RankingRow[]> {
  const res = await get(principals.countyAgency, `/v1/rankings?kind=${kind}&period=${period}&limit=200`);
  return (await res.json<{ items: RankingRow[] }>()).items;
}

const rows = new Map<RankingKind, RankingRow[]>();
beforeAll(async () => {
  await patrolNovemberThird();
  const messages = EVENTS.map((body, i) => ({ id: `m-${i}`, timestamp: new Date(), attempts: 1, body }));
  const batch = createMessageBatch("civicgrid-case-events-assessments", messages);
  const ctx = createExecutionContext();
  await new AssessmentsService(ctx, env).queue(batch);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(EVENTS.length);
  await recomputeMonth("2026-11");
  for (const kind of Object.keys(EXPECTED) as RankingKind[]) rows.set(kind, await ranking(kind, "2026-11"));
});

const round2 = (n: number) => Math.round(n * 100) / 100;
const CASES = (Object.keys(EXPECTED) as RankingKind[]).flatMap((kind) =>
  INDICATORS[kind].flatMap((indicator) => Object.keys(EXPECTED[kind]).map((subject) => ({ kind, indicator, subject }))),
);

describe("every ranking component, recomputed by hand from the raw events", () => {
  it.each(CASES)("$kind $indicator of $subject", ({ kind, indicator, subject }) => {
    const row = rows.get(kind)!.find((r) => r.subjectId === subject);
    expect(row, `${kind} ${subject} is ranked`).toBeDefined();
    const expected = round2(EXPECTED[kind][subject]![indicator]!);
    expect(row!.components.find((c) => c.indicator === indicator)?.value).toBe(expected);
  });

  it("worker checkin_rate of a month with a check-in: checked-in days over the month's working days", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    expect((await send(principals.gridWorker, "POST", "/v1/checkins", {})).status).toBe(201);
    await recomputeMonth(month);
    const row = (await ranking("worker", month)).find((r) => r.subjectId === principals.gridWorker.sub)!;
    expect(row.components.find((c) => c.indicator === "checkin_rate")?.value).toBe(round2(100 / workingDaysOf(month)));
  });

  it("counts a return against the department that returned: its return-free rate is below 100", () => {
    for (const id of [POLICE, HOUSING]) {
      const row = rows.get("department")!.find((r) => r.subjectId === id)!;
      expect(row.components.find((c) => c.indicator === "return_free_rate")!.value, id).toBeLessThan(100);
    }
    expect(EXPECTED.department[HOUSING]!.return_free_rate).toBe(50);
  });
});
