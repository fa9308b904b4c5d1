import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answers, call, knownGrids, newWorker, secrets } from "./helpers";
import { committee, newMediator } from "./mediation-helpers";

/**
 * Exercises every endpoint as every role and then scans every answer a non-HR caller received,
 * and every log line, for a full ID number or private phone put on the roster in this file.
 */
const logLines: string[] = [];
beforeAll(() => {
  for (const level of ["log", "warn", "error"] as const) {
    const original = { log: console.log, warn: console.warn, error: console.error }[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map(String).join(" "));
      original(...args);
    });
  }
});

afterAll(() => {
  const leaks = answers
    .filter((a) => !a.roles.includes("hr"))
    .flatMap((a) => secrets.filter((s) => a.text.includes(s)));
  const logged = logLines.flatMap((line) => secrets.filter((s) => line.includes(s)));
  expect(secrets.length).toBeGreaterThan(0);
  expect(logLines.length).toBeGreaterThan(0);
  expect(leaks).toEqual([]);
  expect(logged).toEqual([]);
});

describe("no full ID number or private phone reaches a role not entitled to it", () => {
  it("walks every endpoint as every role", async () => {
    const hr = principals.hr;
    await knownGrids("440703001001901");
    const w = await call<{ id: string; version: number }>(hr, "POST", "/v1/workers", newWorker("440703001001"));
    const dept = await call(principals.countyAgency, "POST", "/v1/departments", {
      id: "dept-440703-scan",
      key: "scan",
      kind: "测试",
      name: "蓬江区测试局",
      divisionCode: "440703000000",
      dutyPhone: "0750-3000000",
    });
    expect(dept.status).toBe(201);
    await call(principals.countyAgency, "POST", `/v1/workers/${w.body.id}/screenings`, {
      criminalPunishment: false,
      pendingCriminalCase: false,
      detention: false,
      expelledFromPublicOffice: false,
      dishonestyBlacklist: false,
      otherLegalBar: false,
    });
    await call(principals.countyAgency, "POST", `/v1/workers/${w.body.id}/trainings`, {
      kind: "onboarding",
      title: "岗前培训",
      date: "2026-09-10",
      hours: 8,
    });
    const a = await call<{ id: string }>(principals.countyAgency, "POST", "/v1/assignments", {
      workerId: w.body.id,
      gridCode: "440703001001901",
      role: "chief",
      noticeStartDate: "2026-09-01",
    });
    await call(principals.countyAgency, "POST", "/v1/users", {
      sub: "scan-user",
      name: "测",
      orgUnitKind: "department",
      orgUnit: "测试局",
      roles: ["department"],
      divisionCode: "440703000000",
      departmentId: "dept-440703-scan",
    });
    // A mediator's phone is sealed like a worker's private phone (newMediator keeps it among the secrets).
    const mb = await call<{ id: string }>(hr, "POST", "/v1/mediation-bodies", committee("440703001001"));
    const agencyOf = principals.countyAgency;
    const mbId = (await call<{ id: string }>(agencyOf, "POST", "/v1/mediation-bodies", committee("440703001001"))).body
      .id;
    const med = await call<{ id: string }>(agencyOf, "POST", "/v1/mediators", newMediator("village_committee", mbId));
    expect([mb.status, med.status]).toEqual([403, 201]);
    const paths = [
      `/v1/mediators/${med.body.id}`,
      `/v1/mediators?bodyId=${mbId}`,
      `/v1/mediation-bodies/${mbId}`,
      "/v1/workers?divisionCode=440703000000",
      `/v1/workers/${w.body.id}`,
      `/v1/workers/${w.body.id}/pii`,
      `/v1/workers/${w.body.id}/history`,
      `/v1/workers/${w.body.id}/screenings`,
      `/v1/workers/${w.body.id}/trainings`,
      `/v1/assignments?gridCode=440703001001901`,
      `/v1/assignments?workerId=${w.body.id}`,
      `/v1/assignments/${a.body.id}`,
      `/v1/assignments/${a.body.id}/objections`,
      "/v1/departments?divisionCode=440703000000",
      "/v1/departments/dept-440703-scan",
      "/v1/users?divisionCode=440703000000",
      "/v1/users/scan-user",
      "/v1/roster/settings/440703000000",
      "/v1/roster/vacancies?divisionCode=440703000000",
      "/v1/roster/training-shortfall?divisionCode=440703000000",
    ];
    for (const p of Object.values(principals)) {
      for (const path of paths) await call(p, "GET", path);
      await call(p, "PATCH", `/v1/workers/${w.body.id}`, { privatePhone: "13700001111" });
      await call(p, "PATCH", `/v1/mediators/${med.body.id}`, newMediator("village_committee", mbId), {
        "if-match": '"v1"',
      });
    }
    const pii = await call<{ idNumber: string }>(hr, "GET", `/v1/workers/${w.body.id}/pii`);
    expect(secrets).toContain(pii.body.idNumber);
    const department = await exports.default.department("dept-440703-scan");
    expect(department).toMatchObject({ dutyPhone: "0750-3000000", staffSubs: ["scan-user"] });
    answers.push({
      roles: ["rpc"],
      text: JSON.stringify([
        department,
        await exports.default.gridServers("440703001001901"),
        await exports.default.mediator(med.body.id),
      ]),
    });
  });
});
