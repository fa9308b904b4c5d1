import type { Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { get, SAMPLE_WEIGHTS, send } from "./helpers";

/**
 * Issue 12 item 1: every id a request names besides its path's own resource (a division to narrow a list or
 * a report to, a worker whose day is read, the county whose settings are read or changed) is checked against
 * the caller's jurisdiction in the one shared place: another county's id is 403 naming the field, an
 * unknown worker 422 naming the field.
 */
const xhWorker: Principal = {
  sub: "t-worker-xh",
  roles: ["grid_worker"],
  divisionCode: "440705001001",
  grids: ["440705001001001"],
};
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const OTHER_COUNTY = "divisionCode=440705000000";
type Problem = { errors?: { field: string }[] };
const fieldOf = async (res: Response) => (await res.json<Problem>()).errors?.map((e) => e.field);

beforeAll(async () => {
  expect((await send(xhWorker, "POST", "/v1/checkins", {})).status).toBe(201);
  expect((await send(principals.gridWorker, "POST", "/v1/checkins", {})).status).toBe(201);
});

describe("a division named in the query", () => {
  it("reads rankings, evaluations and the monthly report of the caller's own county", async () => {
    for (const path of [
      "/v1/rankings?kind=worker&period=2026-11&divisionCode=440703001000",
      "/v1/evaluations?year=2026&divisionCode=440703000000",
      "/v1/reports/monthly?divisionCode=440703000000&month=2026-11",
    ]) {
      expect((await get(principals.countyAgency, path)).status, path).toBe(200);
    }
  });

  it("refuses another county's division with 403 naming query.divisionCode", async () => {
    for (const path of [
      "/v1/rankings?kind=worker&period=2026-11&divisionCode=440705000000",
      "/v1/rankings?kind=department&period=2026-11&divisionCode=440705000000",
      "/v1/evaluations?year=2026&divisionCode=440705000000",
      "/v1/reports/monthly?divisionCode=440705000000&month=2026-11",
      "/v1/reports/monthly.html?divisionCode=440705000000&month=2026-11",
    ]) {
      const res = await get(principals.countyAgency, path);
      expect(res.status, path).toBe(403);
      expect(await fieldOf(res), path).toEqual(["query.divisionCode"]);
    }
    const dept = await get(principals.department, `/v1/rankings?kind=department&period=2026-11&${OTHER_COUNTY}`);
    expect(dept.status).toBe(403);
    expect(await fieldOf(dept)).toEqual(["query.divisionCode"]);
  });
});

describe("a county named in the settings path", () => {
  it("refuses another county's settings and rules, read or changed, with 403 naming path.countyCode", async () => {
    const gradeThresholds = { excellent: 90, qualified: 75, basic: 60 };
    const body = { dailyPatrolMinutes: 90, maxSpeedKmh: 100, gradeThresholds };
    const rules = { effectiveFrom: "2026-11-01", weights: SAMPLE_WEIGHTS };
    const calls = [
      () => get(principals.countyAgency, "/v1/assessments/settings/440705000000"),
      () => send(principals.countyAgency, "PUT", "/v1/assessments/settings/440705000000", body, { "if-match": '"v0"' }),
      () => get(principals.countyAgency, "/v1/assessments/rules/440705000000"),
      () => send(principals.countyAgency, "POST", "/v1/assessments/rules/440705000000", rules, { "if-match": '"v0"' }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(403);
      expect(await fieldOf(res)).toEqual(["path.countyCode"]);
    }
    expect((await get(principals.otherCountyAgency, "/v1/assessments/settings/440705000000")).status).toBe(200);
  });
});

describe("a worker named in the patrol-day query", () => {
  it("lets the county agency read its own worker's day", async () => {
    const res = await get(principals.countyAgency, `/v1/patrols/days/${today()}?sub=${principals.gridWorker.sub}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: principals.gridWorker.sub, checkedIn: true });
  });

  it("refuses another county's worker with 403 and an unknown worker with 422, each naming query.sub", async () => {
    const other = await get(principals.countyAgency, `/v1/patrols/days/${today()}?sub=${xhWorker.sub}`);
    expect(other.status).toBe(403);
    expect(await fieldOf(other)).toEqual(["query.sub"]);
    // A day with no record of the worker changes nothing: the worker is still another county's.
    const quiet = await get(principals.countyAgency, `/v1/patrols/days/2026-01-05?sub=${xhWorker.sub}`);
    expect(quiet.status).toBe(403);
    const unknown = await get(principals.countyAgency, `/v1/patrols/days/${today()}?sub=t-nobody`);
    expect(unknown.status).toBe(422);
    expect(await fieldOf(unknown)).toEqual(["query.sub"]);
  });

  it("refuses a role that reads no one else's patrols before looking the worker up", async () => {
    const res = await get(principals.department, `/v1/patrols/days/${today()}?sub=t-nobody`);
    expect(res.status).toBe(403);
  });
});
