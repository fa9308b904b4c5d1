import type { EventEnvelope, Evaluation, MonthlyReport, RankingRow } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { consumeCaseEvents } from "../src/queue/case-events";
import { caseEvent, get, send } from "./helpers";
import { onEveryShard, shardOf } from "./shards";

const QUEUE = "civicgrid-case-events-assessments";
const police = { leadDepartmentId: "dept-440703-police" };
const xh = {
  gridCode: "440705001001001",
  villageCode: "440705001001",
  townshipCode: "440705001000",
  countyCode: "440705000000",
  actor: { sub: "t-worker-xh", role: "grid_worker", unit: "440705001001" },
};
const agencyActor = { actor: { sub: "t-county-pj", role: "agency", unit: "440703000000" } };
const deptActor = { actor: { sub: "t-dept", role: "department", unit: "dept-440703-police" } };

// November 2026: a case reported, verified, dispatched to police, signed on time, handled late, overdue, rated.
const EVENTS: EventEnvelope[] = [
  caseEvent("case.reported", 1, "2026-11-17T02:00:00Z"),
  caseEvent("case.verified", 2, "2026-11-17T03:00:00Z"),
  caseEvent("case.dispatched", 3, "2026-11-17T04:00:00Z", {
    ...police,
    ...agencyActor,
    dueAt: "2026-11-17T08:00:00Z",
    responsibleUnit: "dept-440703-police",
  }),
  caseEvent("case.signed", 4, "2026-11-17T05:00:00+00:00", {
    ...police,
    ...deptActor,
    dueAt: "2026-11-20T10:00:00Z",
    responsibleUnit: "dept-440703-police",
  }),
  caseEvent("case.overdue", 5, "2026-11-20T10:00:00Z", {
    ...police,
    ...agencyActor,
    dueAt: "2026-11-20T10:00:00Z",
    responsibleUnit: "dept-440703-police",
  }),
  caseEvent("case.handled", 6, "2026-11-21T02:00:00Z", { ...police, ...deptActor }),
  caseEvent("case.rated", 7, "2026-11-22T02:00:00Z", { ...police, ...agencyActor, rating: "satisfied" }),
  caseEvent("case.reported", 1, "2026-11-18T02:00:00Z", { caseId: "c-2", ...xh }),
  caseEvent("case.reported", 1, "2026-11-18T03:00:00Z", { caseId: "c-3" }),
  caseEvent("case.resolved_on_site", 2, "2026-11-18T03:30:00Z", { caseId: "c-3" }),
  // Six rubbish reports in one township in November and none before: an early-warning signal.
  ...Array.from({ length: 6 }, (_, i) =>
    caseEvent("case.reported", 1, `2026-11-2${i}T01:00:00Z`, { caseId: `c-r${i}`, categoryCode: "0301" }),
  ),
];

// The entrypoint's queue() hands its batch to consumeCaseEvents; the batch is built as the runtime would.
async function deliver(events: unknown[]) {
  const batch = createMessageBatch(
    QUEUE,
    events.map((body, i) => ({ id: `m-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await consumeCaseEvents(env, batch);
  return getQueueResult(batch, ctx);
}

/** The rows of a query on every county shard (facts) or on DB (rankings: city-wide). */
async function snapshot(sql: string) {
  return sql === RANKS ? (await env.DB.prepare(sql).all()).results : onEveryShard(sql);
}
const PJ = shardOf("440703000000");
const FACTS = "SELECT * FROM worker_day_facts ORDER BY sub, day";
const DEPT_FACTS = "SELECT * FROM department_day_facts ORDER BY department_id, day";
const RANKS = "SELECT * FROM rankings ORDER BY kind, period, subject_id";

beforeAll(async () => {
  const result = await deliver(EVENTS);
  expect(result.outcome).toBe("ok");
});

describe("daily facts from case events", () => {
  it("derives worker and department facts, with on-time read from the previous step's deadline", async () => {
    const worker = await PJ.prepare(
      "SELECT * FROM worker_day_facts WHERE sub = 't-worker' AND day = '2026-11-18'",
    ).first();
    expect(worker).toMatchObject({ cases_reported: 1, resolved_on_site: 1, county_code: "440703000000" });
    const day17 = await PJ.prepare(
      "SELECT * FROM worker_day_facts WHERE sub = 't-worker' AND day = '2026-11-17'",
    ).first();
    expect(day17).toMatchObject({ cases_reported: 1, cases_verified: 1, checked_in: 0 });
    const dept = await PJ.prepare(
      "SELECT SUM(dispatched) d, SUM(signed) s, SUM(signed_on_time) so, SUM(handled) h, SUM(handled_on_time) ho, SUM(overdue) o, SUM(rated) r, SUM(satisfaction_sum) ss FROM department_day_facts WHERE department_id = 'dept-440703-police'",
    ).first();
    expect(dept).toEqual({ d: 1, s: 1, so: 1, h: 1, ho: 0, o: 1, r: 1, ss: 100 });
  });

  it("counts a grid's closures from both ways a case closes (resolved on site, check passed)", async () => {
    const grid = await PJ.prepare(
      "SELECT SUM(cases_closed) AS closed FROM grid_day_facts WHERE grid_code = '440703001001001' AND day = '2026-11-18'",
    ).first<{ closed: number }>();
    expect(grid?.closed).toBe(1);
  });

  it("changes nothing when the same events are delivered again", async () => {
    const before = [
      await snapshot(FACTS),
      await snapshot(DEPT_FACTS),
      await snapshot("SELECT COUNT(*) n FROM case_events"),
    ];
    expect((await deliver([...EVENTS].reverse())).outcome).toBe("ok");
    expect([
      await snapshot(FACTS),
      await snapshot(DEPT_FACTS),
      await snapshot("SELECT COUNT(*) n FROM case_events"),
    ]).toEqual(before);
  });

  it("retries a message that is not a case event instead of acknowledging it", async () => {
    const result = await deliver([{ id: "x", type: "case.reported", data: { nope: true } }]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(0);
  });
});

describe("rankings", () => {
  it("recomputes a month for the caller's county, and a recompute equals the original", async () => {
    const res = await send(principals.countyAgency, "POST", "/v1/assessments/recompute", {
      kind: "month",
      period: "2026-11",
    });
    expect(res.status).toBe(200);
    const first = [await snapshot(FACTS), await snapshot(RANKS)];
    expect(first[1]!.length).toBeGreaterThan(0);
    expect(first[1]!.every((r) => String(r.county_code).startsWith("440703"))).toBe(true);
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" });
    expect([await snapshot(FACTS), await snapshot(RANKS)]).toEqual(first);
    expect(
      (await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "week", period: "2026-11" }))
        .status,
    ).toBe(400);
    expect(
      (await send(principals.department, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" }))
        .status,
    ).toBe(403);
  });

  it("shows each role only its jurisdiction, with components per indicator", async () => {
    await send(principals.admin, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" });
    const rows = async (p: (typeof principals)[keyof typeof principals], query: string) =>
      (await (await get(p, `/v1/rankings?period=2026-11&${query}`)).json<{ items: RankingRow[] }>()).items;
    expect((await rows(principals.countyAgency, "kind=worker")).map((r) => r.subjectId)).toEqual(["t-worker"]);
    expect((await rows(principals.otherCountyAgency, "kind=worker")).map((r) => r.subjectId)).toEqual(["t-worker-xh"]);
    expect((await rows(principals.cityAgency, "kind=worker")).map((r) => r.subjectId).sort()).toEqual([
      "t-worker",
      "t-worker-xh",
    ]);
    expect(await rows(principals.gridWorker, "kind=worker")).toHaveLength(1);
    expect(await rows({ ...principals.gridWorker, sub: "t-other" }, "kind=worker")).toHaveLength(0);
    const dept = await rows(principals.department, "kind=department");
    expect(dept.map((r) => r.subjectId)).toEqual(["dept-440703-police"]);
    expect(dept[0]!.components.find((c) => c.indicator === "handled_on_time_rate")).toMatchObject({
      value: 0,
      weight: 25,
    });
    expect(await rows(principals.otherDepartment, "kind=department")).toHaveLength(0);
    expect(
      (await get(principals.otherCountyAgency, "/v1/rankings?period=2026-11&kind=worker&divisionCode=440703000000"))
        .status,
    ).toBe(403);
    const bad = await get(principals.countyAgency, "/v1/rankings?period=2026-13x&kind=worker");
    expect((await bad.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("query.period");
    const townships = await rows(principals.countyAgency, "kind=township");
    expect(townships.map((r) => r.subjectId)).toEqual(["440703001000"]);
  });
});

describe("yearly evaluation and county settings", () => {
  it("grades by the county's thresholds, which the county edits with If-Match", async () => {
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "year", period: "2026" });
    const evaluation = await (
      await get(principals.countyAgency, "/v1/evaluations/t-worker?year=2026")
    ).json<Evaluation>();
    expect(evaluation.grade).toBe("不合格");
    expect(evaluation.components.map((c) => c.indicator)).toContain("patrol_rate");
    expect((await get(principals.otherCountyAgency, "/v1/evaluations/t-worker?year=2026")).status).toBe(404);

    const path = "/v1/assessments/settings/440703000000";
    const current = await get(principals.countyAgency, path);
    expect(current.headers.get("etag")).toBe('"v0"');
    const body = {
      dailyPatrolMinutes: 90,
      maxSpeedKmh: 100,
      gradeThresholds: { excellent: 30, qualified: 20, basic: 10 },
    };
    expect((await send(principals.countyAgency, "PUT", path, body)).status).toBe(428);
    expect((await send(principals.otherCountyAgency, "PUT", path, body, { "if-match": '"v0"' })).status).toBe(403);
    const updated = await send(principals.countyAgency, "PUT", path, body, { "if-match": '"v0"' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get("etag")).toBe('"v1"');
    expect((await send(principals.countyAgency, "PUT", path, body, { "if-match": '"v0"' })).status).toBe(412);
    const regraded = await (
      await get(principals.countyAgency, "/v1/evaluations/t-worker?year=2026")
    ).json<Evaluation>();
    expect(regraded.score).toBe(evaluation.score);
    expect(regraded.grade).not.toBe("不合格");
  });

  it("versions the 考核细则 and scores a period by the version in effect at its start", async () => {
    const path = "/v1/assessments/rules/440703000000";
    const weights = {
      worker: { cases_reported: 100 },
      grid: { cases_reported: 1 },
      township: { cases_reported: 1 },
      department: { satisfaction: 1 },
    };
    const res = await send(
      principals.countyAgency,
      "POST",
      path,
      { effectiveFrom: "2026-11-01", weights },
      { "if-match": '"v0"' },
    );
    expect(res.status).toBe(201);
    const bad = await send(
      principals.countyAgency,
      "POST",
      path,
      { effectiveFrom: "2026-11-01", weights: { ...weights, worker: { nonsense: 3 } } },
      { "if-match": '"v1"' },
    );
    expect(bad.status).toBe(400);
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-11" });
    const [row] = (
      await (
        await get(principals.countyAgency, "/v1/rankings?period=2026-11&kind=worker")
      ).json<{ items: RankingRow[] }>()
    ).items;
    expect(row).toMatchObject({ score: 100, rulesVersion: 1 });
    await send(principals.countyAgency, "POST", "/v1/assessments/recompute", { kind: "month", period: "2026-10" });
  });
});

describe("monthly analysis", () => {
  it("counts by category, area and source, ranks grids and overdue departments, raises early warnings", async () => {
    const res = await get(principals.countyAgency, "/v1/reports/monthly?divisionCode=440703000000&month=2026-11");
    expect(res.status).toBe(200);
    const report = await res.json<MonthlyReport>();
    expect(report.totalCases).toBe(8);
    expect(report.byArea).toEqual([{ key: "440703001000", count: 8 }]);
    expect(report.bySource).toEqual([{ key: "grid_worker", count: 8 }]);
    expect(report.topGrids[0]).toEqual({ key: "440703001001001", count: 8 });
    expect(report.topOverdueDepartments).toEqual([{ key: "dept-440703-police", count: 1 }]);
    expect(report.earlyWarnings).toEqual([
      { categoryCode: "0301", areaCode: "440703001000", count: 6, trailingAverage: 0, ratio: 6 },
    ]);
    expect(report.daily).toHaveLength(30);

    const html = await get(principals.countyAgency, "/v1/reports/monthly.html?divisionCode=440703000000&month=2026-11");
    expect(html.headers.get("content-type")).toContain("text/html");
    const page = await html.text();
    expect(page).toContain("<svg");
    expect(page.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:\/\//);
    expect(
      (await get(principals.otherCountyAgency, "/v1/reports/monthly?divisionCode=440703000000&month=2026-11")).status,
    ).toBe(403);
    expect(
      (await get(principals.department, "/v1/reports/monthly?divisionCode=440703000000&month=2026-11")).status,
    ).toBe(403);
  });
});

describe("crons", () => {
  it("rolls up yesterday at 00:10 and ranks closed periods at 00:30 Asia/Shanghai", async () => {
    const daily = await exports.default.runCron("10 16 * * *", Date.parse("2026-11-17T16:10:00Z"));
    expect(daily).toMatchObject({ ran: true, result: { days: expect.arrayContaining(["2026-11-17"]) } });
    const ranks = await exports.default.runCron("30 16 * * *", Date.parse("2026-11-22T16:30:00Z"));
    expect(ranks).toMatchObject({ ran: true, result: { computed: expect.arrayContaining(["2026-W47"]) } });
    const again = await exports.default.runCron("30 16 * * *", Date.parse("2026-11-22T16:30:00Z"));
    expect(again).toMatchObject({ result: { computed: [] } });
  });
});
