import type { Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { call, knownGrids, newWorker, screenedWorker, type Answer } from "./helpers";

/**
 * Every id a request names besides its path's resource is checked against the caller's jurisdiction through
 * assertReferences: unknown 422, outside 403, each naming its field. Pengjiang (440703) and Xinhui (440705).
 */
const pj = principals.countyAgency;
const xh = principals.otherCountyAgency;
const township = principals.townshipAgency; // 440703001000
const village: Principal = { sub: "t-village", roles: ["agency"], divisionCode: "440703001001" };
const PJ_GRID = "440703001001501";
const PJ_GRID_2 = "440703001001502";
const SIBLING_VILLAGE_GRID = "440703001002501";
const OTHER_TOWNSHIP_GRID = "440703002001501";
const XH_GRID = "440705001001501";
const PJ_DEPT = "dept-440703-refs";
const XH_DEPT = "dept-440705-refs";
type Problem = { errors?: { field: string }[] };

/** The answer was `status`, naming exactly `fields`. */
function refused(res: Answer<Problem>, status: 403 | 422, ...fields: string[]) {
  expect(res.status).toBe(status);
  expect((res.body.errors ?? []).map((e) => e.field)).toEqual(fields);
}

const department = (id: string, divisionCode: string) => ({
  id,
  key: "refs",
  kind: "测试",
  name: "测试部门",
  divisionCode,
  dutyPhone: "0750-3000000",
});
const appoint = (p: Principal, body: Record<string, unknown>) =>
  call<Problem>(p, "POST", "/v1/assignments", { role: "part_time", ...body });
const newUser = (p: Principal, sub: string, extra: Record<string, unknown>) =>
  call<Problem>(p, "POST", "/v1/users", {
    sub,
    name: "测试",
    orgUnitKind: "agency",
    orgUnit: "测试单位",
    roles: ["agency"],
    divisionCode: "440703001001",
    ...extra,
  });

let pjWorker: string;
let xhWorker: string;
beforeAll(async () => {
  await knownGrids(PJ_GRID, PJ_GRID_2, SIBLING_VILLAGE_GRID, OTHER_TOWNSHIP_GRID, XH_GRID);
  expect((await call(pj, "POST", "/v1/departments", department(PJ_DEPT, "440703000000"))).status).toBe(201);
  expect((await call(xh, "POST", "/v1/departments", department(XH_DEPT, "440705000000"))).status).toBe(201);
  pjWorker = (await screenedWorker(pj, "440703001001")).id;
  xhWorker = (await screenedWorker(xh, "440705001001")).id;
});

describe("assignments name a worker, a grid and a department within reach", () => {
  it("appoints the county's own worker to the county's own known grid", async () => {
    expect((await appoint(pj, { workerId: pjWorker, gridCode: PJ_GRID, departmentId: PJ_DEPT })).status).toBe(201);
  });

  it("refuses a county agency assigning another county's worker, naming body.workerId", async () => {
    refused(await appoint(pj, { workerId: xhWorker, gridCode: PJ_GRID_2 }), 403, "body.workerId");
  });

  it("refuses another county's department, naming body.departmentId", async () => {
    const res = await appoint(pj, { workerId: pjWorker, gridCode: PJ_GRID_2, departmentId: XH_DEPT });
    refused(res, 403, "body.departmentId");
  });

  it("answers 422 for an unknown worker and for a grid the registry never announced", async () => {
    refused(await appoint(pj, { workerId: "worker-nobody", gridCode: PJ_GRID_2 }), 422, "body.workerId");
    refused(await appoint(pj, { workerId: pjWorker, gridCode: "440703001001999" }), 422, "body.gridCode");
  });

  it("refuses a transfer to another county's grid, naming body.gridCode", async () => {
    const mine = await screenedWorker(pj, "440703001001");
    const a = (await appoint(pj, { workerId: mine.id, gridCode: PJ_GRID_2 })).body as { id: string };
    const body = { gridCode: XH_GRID, reason: "工作调整" };
    const res = await call<Problem>(pj, "POST", `/v1/assignments/${a.id}/transfer`, body, { "if-match": '"v1"' });
    refused(res, 403, "body.gridCode");
  });

  it("refuses query filters outside the caller's reach, naming the filter", async () => {
    refused(await call(pj, "GET", `/v1/assignments?gridCode=${PJ_GRID}&workerId=${xhWorker}`), 403, "query.workerId");
    refused(await call(pj, "GET", "/v1/assignments?workerId=worker-nobody"), 422, "query.workerId");
    refused(await call(pj, "GET", "/v1/workers?divisionCode=440705000000"), 403, "query.divisionCode");
  });
});

describe("users are given grids, departments and workers within reach", () => {
  it("lets a township agency give grids of its own township", async () => {
    expect((await newUser(township, "refs-own", { grids: [PJ_GRID, SIBLING_VILLAGE_GRID] })).status).toBe(201);
  });

  it("refuses a township agency giving a user grids of another township, naming body.grids[0]", async () => {
    refused(await newUser(township, "refs-other-township", { grids: [OTHER_TOWNSHIP_GRID] }), 403, "body.grids[0]");
    const own = (await newUser(township, "refs-patched", { grids: [PJ_GRID] })).body as unknown as { version: number };
    const patch = { grids: [PJ_GRID, OTHER_TOWNSHIP_GRID] };
    const version = { "if-match": `"v${own.version}"` };
    refused(await call(township, "PATCH", "/v1/users/refs-patched", patch, version), 403, "body.grids[1]");
  });

  it("refuses a village agency another village's grid and a county agency another county's grid", async () => {
    refused(await newUser(village, "refs-village", { grids: [SIBLING_VILLAGE_GRID] }), 403, "body.grids[0]");
    refused(await newUser(pj, "refs-county", { grids: [PJ_GRID, XH_GRID] }), 403, "body.grids[1]");
  });

  it("answers 422 for a grid the roster does not know, naming its place in the list", async () => {
    refused(await newUser(pj, "refs-unknown-grid", { grids: [PJ_GRID, "440703001001998"] }), 422, "body.grids[1]");
  });

  it("refuses another county's department or worker, and a division outside the caller's", async () => {
    const deptUser = { roles: ["department"], orgUnitKind: "department", departmentId: XH_DEPT };
    refused(await newUser(pj, "refs-dept", deptUser), 403, "body.departmentId");
    refused(await newUser(pj, "refs-worker", { roles: ["grid_worker"], workerId: xhWorker }), 403, "body.workerId");
    refused(await newUser(township, "refs-division", { divisionCode: "440703002001" }), 403, "body.divisionCode");
  });
});

describe("workers, departments and trainings name departments and divisions within reach", () => {
  const worker = (departmentId: string) =>
    call<Problem>(pj, "POST", "/v1/workers", newWorker("440703001001", { departmentId }));

  it("refuses a worker attached to another county's department (403) or an unknown one (422)", async () => {
    refused(await worker(XH_DEPT), 403, "body.departmentId");
    refused(await worker("dept-440703-nowhere"), 422, "body.departmentId");
    expect((await worker(PJ_DEPT)).status).toBe(201);
  });

  it("refuses a department in another county's division, naming body.divisionCode", async () => {
    const res = await call<Problem>(pj, "POST", "/v1/departments", department("dept-440705-stray", "440705000000"));
    refused(res, 403, "body.divisionCode");
  });

  it("refuses a department training another county's worker, and an agency another county's department", async () => {
    const training = (departmentId: string) => ({
      kind: "department",
      title: "业务培训",
      date: "2026-09-10",
      hours: 4,
      departmentId,
    });
    const byDepartment = training(principals.department.departmentId);
    const res = await call(principals.department, "POST", `/v1/workers/${xhWorker}/trainings`, byDepartment);
    expect(res.status).toBe(403);
    refused(await call(pj, "POST", `/v1/workers/${pjWorker}/trainings`, training(XH_DEPT)), 403, "body.departmentId");
    expect((await call(pj, "POST", `/v1/workers/${pjWorker}/trainings`, training(PJ_DEPT))).status).toBe(201);
  });
});
