import type {
  CaseEventData,
  EventEnvelope,
  IndicatorTable,
  MonthlyReport,
  Principal,
  RankingRow,
} from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { caseEvent, deliverCaseEvents, get, send } from "./helpers";
import { allFactsBindings, onEveryShard, shardOf } from "./shards";

/**
 * Issue 17, years of data: each county's event facts in its own D1 database (FACTS_<county>), the city's figures
 * folded from every county's. November 2026 in 蓬江 (440703) and 新会 (440705), with a city department
 * (dept-440700-water) that works in both.
 */
const PJ = "440703000000";
const XH = "440705000000";
const WATER = "dept-440700-water";
const at = (day: string, hour: string) => `2026-11-${day}T${hour}:00:00Z`;

const pj = { actor: { sub: "t-worker", role: "grid_worker", unit: "440703001001" } };
const xh = {
  gridCode: "440705001001001",
  villageCode: "440705001001",
  townshipCode: "440705001000",
  countyCode: XH,
  holderDivisionCode: "440705001001",
  actor: { sub: "t-worker-xh", role: "grid_worker", unit: "440705001001" },
};
const agency = (unit: string) => ({ actor: { sub: `a-${unit}`, role: "agency", unit } });
const water = { leadDepartmentId: WATER, responsibleUnit: WATER };

/** A case sent to the water department, which lets the handling run late, in the county `place` puts it. */
function watered(caseId: string, day: string, place: Partial<CaseEventData>): EventEnvelope[] {
  const county = place.countyCode ?? PJ;
  const steps: [string, string, Partial<CaseEventData>][] = [
    ["case.reported", at(day, "02"), {}],
    ["case.dispatched", at(day, "03"), { ...agency(county), ...water, dueAt: at(day, "05") }],
    ["case.signed", at(day, "04"), { actor: { sub: "t-water", role: "department", unit: WATER }, ...water }],
    ["case.overdue", at(day, "06"), { ...agency(county), ...water, dueAt: at(day, "05") }],
  ];
  return steps.map(([type, when, data], i) => caseEvent(type, i + 1, when, { caseId, ...place, ...data }));
}

const EVENTS: EventEnvelope[] = [
  ...watered("pj-1", "03", pj),
  caseEvent("case.reported", 1, at("04", "02"), { caseId: "pj-2", ...pj }),
  ...watered("xh-1", "05", xh),
  caseEvent("case.reported", 1, at("06", "02"), { caseId: "xh-2", ...xh }),
  caseEvent("case.reported", 1, at("06", "03"), { caseId: "xh-3", ...xh }),
];

const cases = async (d1: D1Database) =>
  (
    await d1.prepare("SELECT DISTINCT case_id FROM case_events ORDER BY case_id").all<{ case_id: string }>()
  ).results.map((r) => r.case_id);

async function recompute(principal: Principal) {
  const res = await send(principal, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" });
  expect(res.status).toBe(200);
}
async function ranking(principal: Principal, kind: string): Promise<RankingRow[]> {
  const res = await get(principal, `/v1/rankings?kind=${kind}&period=2026-11&limit=200`);
  expect(res.status).toBe(200);
  return (await res.json<{ items: RankingRow[] }>()).items;
}
async function report(principal: Principal, divisionCode: string): Promise<MonthlyReport> {
  const res = await get(principal, `/v1/reports/monthly?divisionCode=${divisionCode}&month=2026-11`);
  expect(res.status).toBe(200);
  return res.json<MonthlyReport>();
}
async function departmentIndicators(principal: Principal) {
  const res = await get(principal, "/v1/assessments/indicators?level=department&period=2026-11");
  expect(res.status).toBe(200);
  return (await res.json<IndicatorTable>()).items.find((r) => r.subjectId === WATER)!.indicators;
}
/** Everything the facts of both counties and the city-wide tables hold, to compare before and after. */
const everything = async () => [
  await onEveryShard("SELECT * FROM case_events ORDER BY id"),
  await onEveryShard("SELECT * FROM worker_day_facts ORDER BY sub, day"),
  await onEveryShard("SELECT * FROM department_day_facts ORDER BY department_id, day"),
  await onEveryShard("SELECT * FROM indicator_facts ORDER BY case_id, measure, version"),
];

beforeAll(async () => {
  const result = await deliverCaseEvents(EVENTS);
  expect(result.explicitAcks).toHaveLength(EVENTS.length);
});

describe("county shards of the event facts", () => {
  it("stores each county's events and facts in its own shard, and none in DB", async () => {
    expect(await cases(shardOf(PJ))).toEqual(["pj-1", "pj-2"]);
    expect(await cases(shardOf(XH))).toEqual(["xh-1", "xh-2", "xh-3"]);
    expect(await cases(env.DB)).toEqual([]);
    const others = allFactsBindings().filter((d1) => d1 !== shardOf(PJ) && d1 !== shardOf(XH));
    expect(others).toHaveLength(5);
    for (const d1 of others) expect(await cases(d1)).toEqual([]);
    const workers = async (d1: D1Database) =>
      (await d1.prepare("SELECT DISTINCT sub FROM worker_day_facts ORDER BY sub").all()).results;
    expect(await workers(shardOf(PJ))).toEqual([{ sub: "t-worker" }]);
    expect(await workers(shardOf(XH))).toEqual([{ sub: "t-worker-xh" }]);
    // The city department's work is in both counties' shards: one dispatch in each.
    const dispatched = async (d1: D1Database) =>
      (
        await d1
          .prepare("SELECT SUM(dispatched) n FROM department_day_facts WHERE department_id = ?")
          .bind(WATER)
          .first()
      )?.n;
    expect([await dispatched(shardOf(PJ)), await dispatched(shardOf(XH))]).toEqual([1, 1]);
  });

  it("keeps each worker's check-ins and patrols in their county's shard, and refuses a county without one", async () => {
    const xhWorker = {
      ...principals.gridWorker,
      sub: "t-worker-xh",
      divisionCode: "440705001001",
      grids: ["440705001001001"],
    };
    expect((await send(principals.gridWorker, "POST", "/v1/checkins", {})).status).toBe(201);
    expect((await send(xhWorker, "POST", "/v1/checkins", {})).status).toBe(201);
    const checkedIn = async (d1: D1Database) =>
      (await d1.prepare("SELECT sub FROM checkins ORDER BY sub").all()).results;
    expect(await checkedIn(shardOf(PJ))).toEqual([{ sub: "t-worker" }]);
    expect(await checkedIn(shardOf(XH))).toEqual([{ sub: "t-worker-xh" }]);
    const started = await send(xhWorker, "POST", "/v1/patrols", {});
    expect(started.status).toBe(201);
    const { id } = await started.json<{ id: string }>();
    const placed = async (d1: D1Database) => (await d1.prepare("SELECT id FROM patrols").all()).results;
    expect([await placed(shardOf(PJ)), await placed(shardOf(XH))]).toEqual([[], [{ id }]]);
    // Found on its shard by an agency over the worker, and ended by the worker.
    expect((await get(principals.otherCountyAgency, `/v1/patrols/${id}`)).status).toBe(200);
    expect((await send(xhWorker, "POST", `/v1/patrols/${id}/end`, {})).status).toBe(200);
    const stray = { ...principals.gridWorker, sub: "t-stray", divisionCode: "440799001001", grids: [] };
    const refused = await send(stray, "POST", "/v1/checkins", {});
    expect(refused.status).toBe(422);
    expect(await onEveryShard("SELECT sub FROM checkins WHERE sub = 't-stray'")).toEqual([]);
  });

  it("computes a county's ranking from its own shard only", async () => {
    // A row planted in 新会's shard under 蓬江's codes: a county's ranking that read any other shard would rank it.
    const ghost = `INSERT INTO worker_day_facts (sub, day, division_code, county_code, checked_in, patrol_minutes,
      patrol_distance_m, flagged_patrols, met_minimum, cases_reported, cases_verified, resolved_on_site, orders_done,
      orders_on_time) VALUES ('t-ghost', '2026-11-10', '440703001001', '${PJ}', 1, 0, 0, 0, 0, 9, 0, 0, 0, 0)`;
    await shardOf(XH).prepare(ghost).run();
    await recompute(principals.countyAgency);
    expect((await ranking(principals.countyAgency, "worker")).map((r) => r.subjectId)).toEqual(["t-worker"]);
    await shardOf(XH).prepare("DELETE FROM worker_day_facts WHERE sub = 't-ghost'").run();
  });

  it("ranks and counts the city as the sum of its counties", async () => {
    await recompute(principals.countyAgency);
    await recompute(principals.otherCountyAgency);
    const byCounty = [
      ...(await ranking(principals.countyAgency, "worker")),
      ...(await ranking(principals.otherCountyAgency, "worker")),
    ];
    await recompute(principals.cityAgency);
    const city = await ranking(principals.cityAgency, "worker");
    expect(city.map((r) => r.subjectId)).toEqual(["t-worker", "t-worker-xh"]);
    expect(city).toEqual(byCounty);
    // The city department is ranked on its work in both counties: two dispatches, two late steps.
    const [department] = await ranking(principals.cityAgency, "department");
    expect(department).toMatchObject({ subjectId: WATER, countyCode: "440700000000", rank: 1 });

    const [pjReport, xhReport, cityReport] = [
      await report(principals.countyAgency, PJ),
      await report(principals.otherCountyAgency, XH),
      await report(principals.cityAgency, "440700000000"),
    ];
    expect([pjReport.totalCases, xhReport.totalCases]).toEqual([2, 3]);
    expect(cityReport.totalCases).toBe(5);
    expect(cityReport.byArea).toEqual([
      { key: XH, count: 3 },
      { key: PJ, count: 2 },
    ]);
    expect(pjReport.topOverdueDepartments).toEqual([{ key: WATER, count: 1 }]);
    expect(cityReport.topOverdueDepartments).toEqual([{ key: WATER, count: 2 }]);

    // The water department's indicators: the city's numerators and denominators are the counties' added.
    const [pjWater, xhWater, cityWater] = [
      await departmentIndicators(principals.countyAgency),
      await departmentIndicators(principals.otherCountyAgency),
      await departmentIndicators(principals.cityAgency),
    ];
    for (const [key, value] of Object.entries(cityWater)) {
      const [a, b] = [pjWater[key as keyof typeof pjWater], xhWater[key as keyof typeof xhWater]];
      expect(value.numerator, key).toBe(a.numerator + b.numerator);
      if (value.denominator !== null) expect(value.denominator, key).toBe(a.denominator! + b.denominator!);
    }
    // Some figure measures both counties' cases (else the sum above proves nothing).
    expect(Object.values(cityWater).some((v) => (v.denominator ?? 0) >= 2)).toBe(true);
  });

  it("counts nothing twice when a batch of both counties is delivered again", async () => {
    const before = await everything();
    const cityBefore = await report(principals.cityAgency, "440700000000");
    const result = await deliverCaseEvents([...EVENTS].reverse());
    expect(result.explicitAcks).toHaveLength(EVENTS.length);
    expect(await everything()).toEqual(before);
    expect(await report(principals.cityAgency, "440700000000")).toEqual(cityBefore);
  });

  it("retries an event of a county without a shard until it is dead-lettered, and stores the others", async () => {
    const stray = caseEvent("case.reported", 1, at("07", "02"), {
      caseId: "stray-1",
      gridCode: null,
      villageCode: null,
      townshipCode: null,
      countyCode: "440799000000",
    });
    const fine = caseEvent("case.reported", 1, at("07", "03"), { caseId: "pj-3", ...pj });
    const result = await deliverCaseEvents([stray, fine]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await onEveryShard("SELECT id FROM case_events WHERE case_id = 'stray-1'")).toEqual([]);
    expect(await cases(shardOf(PJ))).toContain("pj-3");
  });
});
