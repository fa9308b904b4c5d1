import type { Patrol } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { get, SAMPLE_WEIGHTS, send } from "./helpers";

/**
 * Issue 12 item 3: the platform administrator holds no jurisdiction scope of its own (no department, no
 * grids, every division), and routes that derived a scope from the principal answered it with 500. Every
 * operation of this service, called as the platform administrator with a well-formed request, answers
 * below 500; the table must name every operation the service documents, so a new route cannot be missed.
 */
const admin = principals.admin;
let patrolId = "";

const MONTH_OF_COUNTY = "divisionCode=440703000000&month=2026-11";

type Call = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
const CALLS: Record<string, () => Call> = {
  "post /v1/checkins": () => ({ method: "POST", path: "/v1/checkins", body: {} }),
  "post /v1/patrols": () => ({ method: "POST", path: "/v1/patrols", body: {} }),
  "post /v1/patrols/{id}/points": () => ({
    method: "POST",
    path: `/v1/patrols/${patrolId}/points`,
    body: { points: [{ lng: 113.005, lat: 22.505, at: new Date().toISOString() }] },
  }),
  "post /v1/patrols/{id}/end": () => ({ method: "POST", path: `/v1/patrols/${patrolId}/end`, body: {} }),
  "get /v1/patrols/{id}": () => ({ method: "GET", path: `/v1/patrols/${patrolId}` }),
  "get /v1/patrols/days/{day}": () => ({ method: "GET", path: "/v1/patrols/days/2026-11-17?sub=t-worker" }),
  "get /v1/assessments/settings/{countyCode}": () => ({ method: "GET", path: "/v1/assessments/settings/440703000000" }),
  "put /v1/assessments/settings/{countyCode}": () => ({
    method: "PUT",
    path: "/v1/assessments/settings/440703000000",
    body: { dailyPatrolMinutes: 120, maxSpeedKmh: 120, gradeThresholds: { excellent: 90, qualified: 75, basic: 60 } },
    headers: { "if-match": '"v0"' },
  }),
  "get /v1/assessments/rules/{countyCode}": () => ({ method: "GET", path: "/v1/assessments/rules/440703000000" }),
  "post /v1/assessments/rules/{countyCode}": () => ({
    method: "POST",
    path: "/v1/assessments/rules/440703000000",
    body: { effectiveFrom: "2026-11-01", weights: SAMPLE_WEIGHTS },
    headers: { "if-match": '"v0"' },
  }),
  "post /v1/assessments/recompute": () => ({
    method: "POST",
    path: "/v1/assessments/recompute",
    body: { kind: "year", period: "2026" },
  }),
  "get /v1/rankings": () => ({ method: "GET", path: "/v1/rankings?kind=department&period=2026-11" }),
  "get /v1/evaluations": () => ({ method: "GET", path: "/v1/evaluations?year=2026" }),
  "get /v1/evaluations/{sub}": () => ({ method: "GET", path: "/v1/evaluations/t-worker?year=2026" }),
  "get /v1/reports/monthly": () => ({ method: "GET", path: `/v1/reports/monthly?${MONTH_OF_COUNTY}` }),
  "get /v1/reports/monthly.html": () => ({ method: "GET", path: `/v1/reports/monthly.html?${MONTH_OF_COUNTY}` }),
  "get /v1/assessments/disputes": () => ({
    method: "GET",
    path: "/v1/assessments/disputes?period=2026-11&by=mediator",
  }),
  "get /v1/assessments/indicators": () => ({
    method: "GET",
    path: "/v1/assessments/indicators?level=grid&period=2026-Q4",
  }),
  "get /v1/assessments/indicators/formulas": () => ({ method: "GET", path: "/v1/assessments/indicators/formulas" }),
};

async function operations(): Promise<string[]> {
  const res = await exports.default.fetch("http://assessments/openapi.json");
  const doc = await res.json<{ paths: Record<string, Record<string, unknown>> }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
}

beforeAll(async () => {
  // A worker's patrol for the routes that name one, and a year of rankings for the ones that read them.
  const started = await send(principals.gridWorker, "POST", "/v1/patrols", {});
  patrolId = (await started.json<Patrol>()).id;
  expect((await send(principals.countyAgency, "POST", "/v1/checkins", {})).status).toBe(403);
});

describe("the platform administrator (a role with no jurisdiction scope)", () => {
  it("is answered below 500 by every operation of the service", async () => {
    const ops = await operations();
    expect(ops.filter((op) => !(op in CALLS))).toEqual([]);
    const answers: Record<string, number> = {};
    for (const op of ops) {
      const call = CALLS[op]!();
      answers[op] = (await send(admin, call.method, call.path, call.body, call.headers)).status;
    }
    expect(Object.entries(answers).filter(([, status]) => status >= 500)).toEqual([]);
  });

  it("reads a worker's yearly evaluation (GET /v1/evaluations/{sub} answered 500)", async () => {
    await send(principals.gridWorker, "POST", "/v1/checkins", {});
    const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
    expect((await send(admin, "POST", "/v1/assessments/recompute", { kind: "year", period: year })).status).toBe(200);
    const res = await get(admin, `/v1/evaluations/${principals.gridWorker.sub}?year=${year}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: principals.gridWorker.sub, year, rank: 1 });
    const list = await get(admin, `/v1/evaluations?year=${year}`);
    expect(list.status).toBe(200);
    const subs = (await list.json<{ items: { sub: string }[] }>()).items.map((r) => r.sub);
    expect(subs).toContain(principals.gridWorker.sub);
  });

  it("is refused check-ins and patrols, which are a grid worker's own duty", async () => {
    expect((await send(admin, "POST", "/v1/checkins", {})).status).toBe(403);
    expect((await send(admin, "POST", "/v1/patrols", {})).status).toBe(403);
  });
});
