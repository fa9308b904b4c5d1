import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { call, report, step } from "./helpers";

const dispatch = { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: [] };
const commandsOf = async (who: (typeof principals)[keyof typeof principals], id: string) => {
  const res = await call(who, "GET", `/v1/cases/${id}/commands`);
  return {
    status: res.status,
    etag: res.headers.get("etag"),
    body: await res.json<{ version: number; allowed: string[] }>(),
  };
};

describe("GET /v1/cases/{id}/commands: what the caller may do now", () => {
  it("names, per caller, the commands that status, guards, role and unit all allow at this version", async () => {
    let c = await report(principals.gridWorker);
    const worker = await commandsOf(principals.gridWorker, c.id);
    expect(worker.status).toBe(200);
    expect(worker.etag).toBe('"v1"');
    expect(worker.body.version).toBe(1);
    expect(worker.body.allowed).toContain("verify");
    expect(worker.body.allowed).not.toContain("dispatch");
    // The department is not the case's yet: it may do nothing, and reading it is refused.
    expect((await commandsOf(principals.department, c.id)).status).toBe(403);

    c = await step(principals.gridWorker, c, "verify");
    c = await step(principals.townshipAgency, c, "accept");
    const agency = await commandsOf(principals.townshipAgency, c.id);
    expect(agency.body.allowed).toContain("dispatch");
    expect(agency.body.allowed).not.toContain("sign");
    expect((await commandsOf(principals.gridWorker, c.id)).body.allowed).not.toContain("dispatch");

    c = await step(principals.townshipAgency, c, "dispatch", dispatch);
    const dept = await commandsOf(principals.department, c.id);
    expect(dept.body.allowed).toContain("sign");
    expect(dept.body.allowed).toContain("return");
    expect(dept.body.allowed).not.toContain("handle");
    expect((await commandsOf(principals.townshipAgency, c.id)).body.allowed).not.toContain("sign");
  });

  it("every command it names for a caller is one that caller's command does not refuse for role, unit or status", async () => {
    const named: string[] = [];
    for (const who of [principals.gridWorker, principals.townshipAgency, principals.countyAgency]) {
      const { body } = await commandsOf(who, (await report(principals.gridWorker)).id);
      for (const name of body.allowed) {
        // A fresh case per command; an empty body: a command allowed now answers 400 (its body) or runs, never 403 or 409.
        const c = await report(principals.gridWorker);
        const res = await call(who, "POST", `/v1/cases/${c.id}/${name}`, {}, { "if-match": '"v1"' });
        expect([403, 409], `${who.sub} ${name}: ${res.status}`).not.toContain(res.status);
        named.push(name);
      }
    }
    expect(named.length).toBeGreaterThan(3);
  });

  it("refuses callers outside the case's reach with 403 problem+json, never an empty list", async () => {
    const c = await step(
      principals.countyAgency,
      await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
      "accept",
    );
    const dispatched = await step(principals.countyAgency, c, "dispatch", dispatch);
    // The case's own county and the department it went to read what they may do; the others are refused.
    expect((await commandsOf(principals.countyAgency, dispatched.id)).status).toBe(200);
    expect((await commandsOf(principals.department, dispatched.id)).body.allowed).toContain("sign");
    const outsiders = [
      principals.otherCountyAgency,
      { ...principals.gridWorker, divisionCode: "440705001001", grids: ["440705001001001"] },
      principals.otherDepartment,
      { ...principals.department, divisionCode: "440705000000", departmentId: "dept-440705-police" },
      { ...principals.resident, sub: "t-resident-other" },
    ];
    for (const who of outsiders) {
      const res = await call(who, "GET", `/v1/cases/${dispatched.id}/commands`);
      expect(res.status, who.sub).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.headers.get("etag")).toBeNull();
      const body = await res.json<{ status: number; detail: string; allowed?: unknown }>();
      expect(body).toMatchObject({ status: 403, detail: "this case lies outside your jurisdiction" });
      expect(body.allowed).toBeUndefined();
    }
  });

  it("answers 404 for a case that does not exist", async () => {
    expect((await call(principals.countyAgency, "GET", "/v1/cases/CASE-20260101-ZZZZZZZZZZ/commands")).status).toBe(
      404,
    );
  });
});
