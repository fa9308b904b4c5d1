import type { Principal, Threat } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseState } from "../src/domain";
import type { DisputeRecord } from "../src/domain/dispute/record";
import { database } from "../src/store/db";
import { projectDispute } from "../src/store/dispute-projection";
import { projectCase } from "../src/store/projection";
import { readModelOf } from "../src/store/shards";
import { call } from "./helpers";
import { dispute, disputeCase, PLACES, type Place } from "./node/dispute-risk-fixtures";

type Item = { caseId: string; riskLevel: string; warnedDepartmentIds: string[]; threat: boolean; violence: boolean };
type Page = { items: Item[]; nextCursor: string | null };
type Problem = { errors?: { field: string }[] };

const at = (h: number) => `2026-11-2${h}T02:00:00.000Z`;
const threat = (violence: boolean): Threat => ({ at: at(0), by: 1, description: "扬言报复", violence });
/** A second township of 蓬江 (440703002), outside the township agency's and the grid worker's reach. */
const OTHER_TOWNSHIP: Place = { ...PLACES.pengjiang, gridCode: "440703002001001", villageCode: "440703002001" };

async function projected(place: Place, changes: Partial<DisputeRecord>, when: number, state: Partial<CaseState> = {}) {
  const s = { ...disputeCase(place, dispute([null, null], at(0), changes)), updatedAt: at(when), ...state };
  const db = database(readModelOf(env, s.countyCode));
  await projectCase(db, s, []);
  await projectDispute(db, s);
  return s.id;
}
const risk = (level: "general" | "larger" | "major", warned = false) => ({
  level,
  source: "rule" as const,
  reasons: [],
  countyWarnedAt: level === "major" ? at(1) : null,
  policeWarnedAt: warned ? at(1) : null,
});

const ids: Record<string, string> = {};
beforeAll(async () => {
  ids.major = await projected(
    PLACES.pengjiang,
    { risk: risk("major", true), threats: [threat(true)], warnedDepartmentIds: ["dept-440703-police"] },
    5,
  );
  ids.larger = await projected(PLACES.pengjiang, { risk: risk("larger"), threats: [threat(false)] }, 4, {
    leadDepartmentId: "dept-440703-housing",
    status: "dispatched",
  });
  ids.general = await projected(PLACES.pengjiang, { risk: risk("general") }, 3);
  ids.closed = await projected(PLACES.pengjiang, { risk: risk("larger"), stage: "kept" }, 6, { status: "closed" });
  ids.township = await projected(OTHER_TOWNSHIP, { risk: risk("larger") }, 2);
  ids.mediated = await projected(
    PLACES.pengjiang,
    {
      stage: "mediating",
      mediation: {
        mediatorId: "med-pj-village-01",
        mediatorKind: "village_committee",
        mediatorName: "陈调解",
        assignedAt: at(1),
        sessions: [],
      },
    },
    1,
  );
  ids.xinhui = await projected(PLACES.xinhui, { risk: risk("major", true), threats: [threat(true)] }, 7);
});

const mine = (page: Page) => page.items.map((i) => i.caseId).filter((id) => Object.values(ids).includes(id));
const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
async function list(p: Principal, path: string): Promise<string[]> {
  const res = await call(p, "GET", path);
  expect(res.status, path).toBe(200);
  return mine(await res.json<Page>()).map(name);
}
async function refused(p: Principal, path: string, status: number, field?: string) {
  const res = await call(p, "GET", path);
  expect(res.status, path).toBe(status);
  if (field) expect(((await res.json<Problem>()).errors ?? []).map((e) => e.field)).toEqual([field]);
}

describe("GET /v1/disputes/warnings: the early-warning list per jurisdiction (Gansu 二(一)1(2))", () => {
  it("an agency sees its open disputes at larger or major risk, the newest risk first", async () => {
    expect(await list(principals.countyAgency, "/v1/disputes/warnings?limit=200")).toEqual([
      "major",
      "larger",
      "township",
    ]);
    expect(await list(principals.townshipAgency, "/v1/disputes/warnings?limit=200")).toEqual(["major", "larger"]);
    expect(await list(principals.cityAgency, "/v1/disputes/warnings?limit=200")).toEqual([
      "xinhui",
      "major",
      "larger",
      "township",
    ]);
  });

  it("an agency of another county sees none of them", async () => {
    expect(await list(principals.otherCountyAgency, "/v1/disputes/warnings?limit=200")).toEqual(["xinhui"]);
  });

  it("a department sees only the disputes whose police warning named it", async () => {
    expect(await list(principals.department, "/v1/disputes/warnings?limit=200")).toEqual(["major"]);
    expect(await list(principals.otherDepartment, "/v1/disputes/warnings?limit=200")).toEqual([]);
    const res = await call(principals.department, "GET", "/v1/disputes/warnings?limit=200");
    const item = (await res.json<Page>()).items.find((i) => i.caseId === ids.major)!;
    expect(item).toMatchObject({ riskLevel: "major", violence: true, warnedDepartmentIds: ["dept-440703-police"] });
  });

  it("filters by level and division; pages with a cursor", async () => {
    expect(await list(principals.countyAgency, "/v1/disputes/warnings?level=major&limit=200")).toEqual(["major"]);
    const township = "/v1/disputes/warnings?division=440703002000&limit=200";
    expect(await list(principals.countyAgency, township)).toEqual(["township"]);
    const first = await (await call(principals.countyAgency, "GET", "/v1/disputes/warnings?limit=1")).json<Page>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await call(principals.countyAgency, "GET", `/v1/disputes/warnings?limit=1&cursor=${first.nextCursor}`);
    expect((await next.json<Page>()).items[0]!.caseId).not.toBe(first.items[0]!.caseId);
  });

  it("refuses another county's division naming it, and roles without the right", async () => {
    await refused(principals.countyAgency, "/v1/disputes/warnings?division=440705000000", 403, "query.division");
    await refused(principals.countyAgency, "/v1/disputes/warnings?level=general", 400, "query.level");
    for (const p of [principals.gridWorker, principals.hr, principals.resident])
      await refused(p, "/v1/disputes/warnings", 403);
  });
});

describe("GET /v1/disputes: the disputes in the caller's jurisdiction", () => {
  it("an agency sees every dispute of its jurisdiction, open or not, at any level", async () => {
    const all = ["closed", "major", "larger", "general", "township", "mediated"];
    expect((await list(principals.countyAgency, "/v1/disputes?limit=200")).sort()).toEqual(all.sort());
    expect(await list(principals.otherCountyAgency, "/v1/disputes?limit=200")).toEqual(["xinhui"]);
  });

  it("a grid worker sees their grids' disputes; a department those it works on or was warned of", async () => {
    const grid = await list(principals.gridWorker, "/v1/disputes?limit=200");
    expect(grid).not.toContain("township");
    expect(grid.sort()).toEqual(["closed", "general", "larger", "major", "mediated"]);
    expect(await list(principals.otherDepartment, "/v1/disputes?limit=200")).toEqual(["larger"]);
    expect(await list(principals.department, "/v1/disputes?limit=200")).toEqual(["major"]);
    expect(await list(principals.resident, "/v1/disputes?limit=200")).toEqual([]);
  });

  it("filters by stage, risk, grid and mediator", async () => {
    expect(await list(principals.countyAgency, "/v1/disputes?stage=kept&limit=200")).toEqual(["closed"]);
    expect((await list(principals.countyAgency, "/v1/disputes?risk=general&limit=200")).sort()).toEqual([
      "general",
      "mediated",
    ]);
    const grid = await list(principals.countyAgency, "/v1/disputes?grid=440703001001001&limit=200");
    expect(grid.sort()).toEqual(["closed", "general", "larger", "major", "mediated"]);
    const mediator = "/v1/disputes?mediator=med-pj-village-01&limit=200";
    expect(await list(principals.countyAgency, mediator)).toEqual(["mediated"]);
  });

  it("refuses filters outside the caller's jurisdiction naming them, unknown ones with 422", async () => {
    await refused(principals.gridWorker, "/v1/disputes?grid=440705001001001", 403, "query.grid");
    await refused(principals.countyAgency, "/v1/disputes?division=440705000000", 403, "query.division");
    await refused(principals.countyAgency, "/v1/disputes?mediator=med-xh-village-01", 403, "query.mediator");
    await refused(principals.countyAgency, "/v1/disputes?mediator=med-nobody-99", 422, "query.mediator");
    await refused(principals.countyAgency, "/v1/disputes?stage=forgotten", 400, "query.stage");
    await refused(principals.hr, "/v1/disputes", 403);
  });

  it("never carries a party", async () => {
    const res = await call(principals.countyAgency, "GET", "/v1/disputes?limit=200");
    const text = await res.text();
    expect(text).not.toContain("parties");
    expect(text).not.toContain("张*");
  });
});
