import { principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, key, knownGrids, newWorker, screenedWorker } from "./helpers";

const agency = principals.countyAgency;
let gridSeq = 100;
const nextGrid = () => `440703001001${String(++gridSeq)}`;
// The grids this file appoints to, as the registry announces them (a grid must be known to the roster).
beforeAll(() => knownGrids(...Array.from({ length: 60 }, (_, i) => `440703001001${101 + i}`)));
const LONG_AGO = "2026-09-01";
type A = { id: string; status: string; noticeEndDate: string; version: number };

const worker = (overrides: Record<string, unknown> = {}, screening: Record<string, boolean> = {}) =>
  screenedWorker(agency, "440703001001", overrides, screening);
const train = (id: string) =>
  call(agency, "POST", `/v1/workers/${id}/trainings`, {
    kind: "onboarding",
    title: "岗前培训",
    date: "2026-09-10",
    hours: 8,
  });
const appoint = (workerId: string, gridCode: string, role: string, noticeStartDate?: string) =>
  call<A>(
    agency,
    "POST",
    "/v1/assignments",
    { workerId, gridCode, role, ...(noticeStartDate ? { noticeStartDate } : {}) },
    key(),
  );
const start = (a: { id: string; version: number }) =>
  call<A>(agency, "POST", `/v1/assignments/${a.id}/start`, undefined, { "if-match": `"v${a.version}"` });

async function onDuty(gridCode: string, role = "chief") {
  const w = await worker();
  await train(w.id);
  const a = await appoint(w.id, gridCode, role, LONG_AGO);
  const s = await start(a.body);
  expect(s.status).toBe(200);
  return { worker: w, assignment: s.body };
}

describe("appointment rules", () => {
  it("refuses a candidate with any disqualifier, and one never screened", async () => {
    for (const flag of [
      "criminalPunishment",
      "pendingCriminalCase",
      "detention",
      "expelledFromPublicOffice",
      "dishonestyBlacklist",
      "otherLegalBar",
    ]) {
      const w = await worker({}, { [flag]: true });
      const res = await appoint(w.id, nextGrid(), "part_time");
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ reason: "disqualified" });
    }
    const unscreened = await call<{ id: string }>(agency, "POST", "/v1/workers", newWorker("440703001001"));
    expect((await appoint(unscreened.body.id, nextGrid(), "part_time")).status).toBe(422);
  });

  it("refuses a chief who is not a party member, and a second chief on a grid", async () => {
    const grid = nextGrid();
    const outsider = await worker({ politicalStatus: "non_party" });
    expect((await appoint(outsider.id, grid, "chief")).body).toMatchObject({ reason: "chief_not_party_member" });
    const first = await worker();
    expect((await appoint(first.id, grid, "chief")).status).toBe(201);
    const second = await worker();
    const res = await appoint(second.id, grid, "chief");
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: "chief_taken" });
    expect((await appoint(second.id, grid, "part_time")).status).toBe(201);
  });

  it("refuses duty before the notice has run, without onboarding training, or with an open objection", async () => {
    const w = await worker();
    const running = await appoint(w.id, nextGrid(), "full_time");
    const early = await start(running.body);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: "notice_running" });

    const untrained = await worker();
    const past = await appoint(untrained.id, nextGrid(), "full_time", LONG_AGO);
    expect((await start(past.body)).body).toMatchObject({ reason: "untrained" });

    await train(untrained.id);
    const objection = await call<{ id: string }>(agency, "POST", `/v1/assignments/${past.body.id}/objections`, {
      text: "群众反映其曾有违纪记录",
    });
    expect((await start(past.body)).body).toMatchObject({ reason: "objection_open" });
    await call(agency, "POST", `/v1/assignments/${past.body.id}/objections/${objection.body.id}/resolve`, {
      outcome: "dismissed",
      note: "经核查不属实",
    });
    expect((await start(past.body)).status).toBe(200);
  });

  it("withdraws the appointment when an objection is upheld", async () => {
    const w = await worker();
    const a = await appoint(w.id, nextGrid(), "part_time", LONG_AGO);
    const o = await call<{ id: string }>(agency, "POST", `/v1/assignments/${a.body.id}/objections`, {
      text: "存在不得聘用情形",
    });
    await call(agency, "POST", `/v1/assignments/${a.body.id}/objections/${o.body.id}/resolve`, {
      outcome: "upheld",
      note: "情况属实",
    });
    expect((await call<A>(agency, "GET", `/v1/assignments/${a.body.id}`)).body.status).toBe("withdrawn");
  });

  it("refuses another county's agency on this county's grids", async () => {
    const w = await worker();
    expect(
      (
        await call(principals.otherCountyAgency, "POST", "/v1/assignments", {
          workerId: w.id,
          gridCode: nextGrid(),
          role: "part_time",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(principals.department, "POST", "/v1/assignments", {
          workerId: w.id,
          gridCode: nextGrid(),
          role: "part_time",
        })
      ).status,
    ).toBe(403);
  });
});

describe("who serves a grid, and the events that tell the registry", () => {
  it("answers gridServers and workerGrids over RPC and writes a versioned snapshot event that is sent", async () => {
    const grid = nextGrid();
    const { worker: w } = await onDuty(grid);
    const servers = await exports.default.gridServers(grid);
    expect(servers).toEqual([expect.objectContaining({ workerId: w.id, role: "chief", workPhone: "0750-3001234" })]);
    expect(JSON.stringify(servers)).not.toMatch(/\*{4}|privatePhone|idNumber/);
    expect(await exports.default.workerGrids(w.id)).toEqual([{ gridCode: grid, role: "chief" }]);
    const row = await env.DB.prepare("SELECT id, body, sent_at FROM outbox WHERE id = ?1")
      .bind(`${grid}:1`)
      .first<{ body: string; sent_at: string | null }>();
    expect(row?.sent_at).not.toBeNull();
    expect(JSON.parse(row!.body)).toMatchObject({
      type: "roster.grid-servers.changed",
      aggregateId: grid,
      version: 1,
      data: { gridCode: grid, servers: [{ workerId: w.id, role: "chief" }] },
    });
  });

  it("transfers a worker: both grids get a new snapshot, history is kept", async () => {
    const from = nextGrid();
    const to = nextGrid();
    const { worker: w, assignment } = await onDuty(from, "part_time");
    const moved = await call<A>(
      agency,
      "POST",
      `/v1/assignments/${assignment.id}/transfer`,
      { gridCode: to, reason: "工作调整" },
      { "if-match": `"v${assignment.version}"` },
    );
    expect(moved.status).toBe(201);
    expect(await exports.default.gridServers(from)).toEqual([]);
    expect((await exports.default.workerGrids(w.id)).map((g) => g.gridCode)).toEqual([to]);
    const versions = await env.DB.prepare(
      "SELECT grid_code, version FROM grid_event_versions WHERE grid_code IN (?1, ?2) ORDER BY grid_code",
    )
      .bind(from, to)
      .all();
    expect(versions.results).toEqual([
      { grid_code: from, version: 2 },
      { grid_code: to, version: 1 },
    ]);
  });

  it("dismissing a worker ends their assignments, removes their login and revokes it", async () => {
    const grid = nextGrid();
    const { worker: w } = await onDuty(grid);
    const sub = `user-${w.id}`;
    expect(
      (
        await call(agency, "POST", "/v1/users", {
          sub,
          name: "网格长",
          orgUnitKind: "village_committee",
          orgUnit: "某社区居委会",
          roles: ["grid_worker"],
          divisionCode: "440703001001",
          workerId: w.id,
          grids: [grid],
        })
      ).status,
    ).toBe(201);
    expect(await exports.default.principalStatus(sub)).toEqual({ active: true });
    const current = await call<{ version: number }>(agency, "GET", `/v1/workers/${w.id}`);
    const res = await call(
      agency,
      "POST",
      `/v1/workers/${w.id}/status`,
      { status: "dismissed", reason: "考核不合格" },
      { "if-match": `"v${current.body.version}"` },
    );
    expect(res.status).toBe(200);
    expect(await exports.default.principalStatus(sub)).toMatchObject({ active: false });
    expect(await exports.default.gridServers(grid)).toEqual([]);
    expect(await exports.default.principalStatus("nobody-knows-me")).toEqual({
      active: false,
      reason: "unknown_subject",
    });
    const vacancies = await call<{ items: { gridCode: string; missing: string[] }[] }>(
      agency,
      "GET",
      "/v1/roster/vacancies?divisionCode=440703001001&limit=200",
    );
    expect(vacancies.body.items).toContainEqual({ gridCode: grid, missing: ["chief"] });
  });

  it("reports a missing full-time worker only where the county requires one", async () => {
    const grid = nextGrid();
    await onDuty(grid);
    const settings = await call<{ version: number }>(agency, "GET", "/v1/roster/settings/440703000000");
    const put = await call(
      agency,
      "PUT",
      "/v1/roster/settings/440703000000",
      { fullTimeRequired: true, noticeWorkingDays: 5, minTrainingsPerYear: 2 },
      { "if-match": `"v${settings.body.version}"` },
    );
    expect(put.status).toBe(200);
    expect(
      (
        await call(
          principals.otherCountyAgency,
          "PUT",
          "/v1/roster/settings/440703000000",
          { fullTimeRequired: false, noticeWorkingDays: 5, minTrainingsPerYear: 2 },
          { "if-match": '"v1"' },
        )
      ).status,
    ).toBe(403);
    const vacancies = await call<{ items: { gridCode: string; missing: string[] }[] }>(
      agency,
      "GET",
      "/v1/roster/vacancies?divisionCode=440703001001&limit=200",
    );
    expect(vacancies.body.items).toContainEqual({ gridCode: grid, missing: ["full_time"] });
    const shortfall = await call<{ items: { trainings: number; required: number }[] }>(
      agency,
      "GET",
      "/v1/roster/training-shortfall?divisionCode=440703001001&year=2026&limit=200",
    );
    expect(shortfall.body.items.length).toBeGreaterThan(0);
    expect(shortfall.body.items.every((s) => s.trainings < s.required)).toBe(true);
  });
});
