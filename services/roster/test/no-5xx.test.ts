import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../src/app";
import { CLEAR_SCREENING, call, knownGrids, newWorker, screenedWorker } from "./helpers";
import { committee, newMediator } from "./mediation-helpers";

/**
 * Every roster route, called by every role (the platform admin first: a role with no division, department or
 * grid of its own to scope by), answers something other than a server error. The table must name every
 * route the app registers, so a new route cannot be left out.
 */
const GRID = "440703001001701";
const agency = principals.countyAgency;
let seq = 0;
type Call = [method: string, path: string, body?: unknown];
const user = (sub: string) => ({
  sub,
  name: "测试",
  orgUnitKind: "agency",
  orgUnit: "测试单位",
  roles: ["agency"],
  divisionCode: "440703001001",
});
const settings = { fullTimeRequired: false, noticeWorkingDays: 5, minTrainingsPerYear: 2 };
const department = (id: string) => ({
  id,
  key: "nofive",
  kind: "测试",
  name: "测试部门",
  divisionCode: "440703000000",
  dutyPhone: "0750-3000000",
});

async function fixtures() {
  const n = ++seq;
  const w = await screenedWorker(agency, "440703001001");
  const appointment = { workerId: w.id, gridCode: GRID, role: "part_time", noticeStartDate: "2026-09-01" };
  const a = await call<{ id: string }>(agency, "POST", "/v1/assignments", appointment);
  const o = await call<{ id: string }>(agency, "POST", `/v1/assignments/${a.body.id}/objections`, { text: "异议内容" });
  const sub = `no5xx-${n}`;
  await call(agency, "POST", "/v1/users", user(sub));
  const dept = `dept-440703-nofive${"abcdefghijklmnop"[n]}`;
  await call(agency, "POST", "/v1/departments", department(dept));
  const mb = await call<{ id: string }>(agency, "POST", "/v1/mediation-bodies", committee("440703001001"));
  const med = await call<{ id: string }>(agency, "POST", "/v1/mediators", newMediator("village_committee", mb.body.id));
  const mediation = { body: mb.body.id, mediator: med.body.id };
  return { worker: w.id, assignment: a.body.id, objection: o.body.id, sub, department: dept, ...mediation };
}

function calls(f: Awaited<ReturnType<typeof fixtures>>): Record<string, Call> {
  const training = { kind: "department", title: "业务培训", date: "2026-09-10", hours: 4, departmentId: f.department };
  const a = `/v1/assignments/${f.assignment}`;
  return {
    "POST /v1/workers": ["POST", "/v1/workers", newWorker("440703001001")],
    "GET /v1/workers": ["GET", "/v1/workers"],
    "GET /v1/workers/:id": ["GET", `/v1/workers/${f.worker}`],
    "PATCH /v1/workers/:id": ["PATCH", `/v1/workers/${f.worker}`, { workPhone: "0750-1111111" }],
    "GET /v1/workers/:id/pii": ["GET", `/v1/workers/${f.worker}/pii`],
    "POST /v1/workers/:id/status": ["POST", `/v1/workers/${f.worker}/status`, { status: "suspended", reason: "暂停" }],
    "GET /v1/workers/:id/history": ["GET", `/v1/workers/${f.worker}/history`],
    "POST /v1/workers/:id/screenings": ["POST", `/v1/workers/${f.worker}/screenings`, CLEAR_SCREENING],
    "GET /v1/workers/:id/screenings": ["GET", `/v1/workers/${f.worker}/screenings`],
    "POST /v1/workers/:id/trainings": ["POST", `/v1/workers/${f.worker}/trainings`, training],
    "GET /v1/workers/:id/trainings": ["GET", `/v1/workers/${f.worker}/trainings`],
    "POST /v1/assignments": ["POST", "/v1/assignments", { workerId: f.worker, gridCode: GRID, role: "auxiliary" }],
    "GET /v1/assignments": ["GET", `/v1/assignments?gridCode=${GRID}&workerId=${f.worker}`],
    "GET /v1/assignments/:id": ["GET", a],
    "POST /v1/assignments/:id/start": ["POST", `${a}/start`],
    "POST /v1/assignments/:id/end": ["POST", `${a}/end`, { reason: "任期结束" }],
    "POST /v1/assignments/:id/transfer": ["POST", `${a}/transfer`, { gridCode: GRID, reason: "调整" }],
    "POST /v1/assignments/:id/objections": ["POST", `${a}/objections`, { text: "异议内容" }],
    "GET /v1/assignments/:id/objections": ["GET", `${a}/objections`],
    "POST /v1/assignments/:id/objections/:objectionId/resolve": [
      "POST",
      `${a}/objections/${f.objection}/resolve`,
      { outcome: "dismissed", note: "不属实" },
    ],
    "POST /v1/departments": ["POST", "/v1/departments", department(`${f.department}x`)],
    "GET /v1/departments": ["GET", "/v1/departments"],
    "GET /v1/departments/:id": ["GET", `/v1/departments/${f.department}`],
    "PATCH /v1/departments/:id": ["PATCH", `/v1/departments/${f.department}`, { name: "改名部门" }],
    "POST /v1/users": ["POST", "/v1/users", { ...user(`${f.sub}-new`), grids: [GRID] }],
    "GET /v1/users": ["GET", "/v1/users"],
    "GET /v1/users/:sub": ["GET", `/v1/users/${f.sub}`],
    "PATCH /v1/users/:sub": ["PATCH", `/v1/users/${f.sub}`, { grids: [GRID] }],
    "POST /v1/users/:sub/remove": ["POST", `/v1/users/${f.sub}/remove`],
    "GET /v1/roster/settings/:countyCode": ["GET", "/v1/roster/settings/440703000000"],
    "PUT /v1/roster/settings/:countyCode": ["PUT", "/v1/roster/settings/440703000000", settings],
    "GET /v1/roster/vacancies": ["GET", "/v1/roster/vacancies"],
    "GET /v1/roster/training-shortfall": ["GET", "/v1/roster/training-shortfall"],
    "POST /v1/mediation-bodies": ["POST", "/v1/mediation-bodies", committee("440703001001")],
    "GET /v1/mediation-bodies": ["GET", "/v1/mediation-bodies?kind=village_committee&active=true"],
    "GET /v1/mediation-bodies/:id": ["GET", `/v1/mediation-bodies/${f.body}`],
    "PATCH /v1/mediation-bodies/:id": ["PATCH", `/v1/mediation-bodies/${f.body}`, { name: "改名委员会" }],
    "POST /v1/mediators": ["POST", "/v1/mediators", newMediator("village_committee", f.body)],
    "GET /v1/mediators": ["GET", `/v1/mediators?bodyId=${f.body}&kind=village_committee`],
    "GET /v1/mediators/:id": ["GET", `/v1/mediators/${f.mediator}`],
    "PATCH /v1/mediators/:id": ["PATCH", `/v1/mediators/${f.mediator}`, { phone: "13911110000" }],
    "POST /v1/mediators/:id/deactivate": ["POST", `/v1/mediators/${f.mediator}/deactivate`, { reason: "调离" }],
  };
}

beforeAll(() => knownGrids(GRID));

describe("no server errors, whoever calls", () => {
  it("the table names every route the roster registers", async () => {
    const routes = app.routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/v1/"));
    const registered = routes.map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(calls(await fixtures())).sort()).toEqual([...new Set(registered)].sort());
  });

  // The platform admin first: its jurisdiction is the whole platform, not a division, department or grid.
  const others = Object.entries(principals).filter(([name]) => name !== "admin");
  const callers = [["admin", principals.admin], ...others] as const;
  it.each(callers)("every route as %s answers below 500", async (_name, principal) => {
    const f = await fixtures();
    const failures: string[] = [];
    for (const [route, [method, path, body]] of Object.entries(calls(f))) {
      // Commands are sent with the current version, so they reach their handlers instead of stopping at 428.
      const res = await call(principal, method, path, body, { "if-match": '"v1"' });
      if (res.status >= 500) failures.push(`${route}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
