import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, report, step } from "./helpers";
import { dispute, disputed, openCase, PARTIES, path, RECORD, recordedDispute } from "./dispute-helpers";

type Problem = { status: number; detail: string; errors?: { field: string }[] };
const fieldsOf = async (res: Response) => ((await res.json<Problem>()).errors ?? []).map((e) => e.field);
const worker = principals.gridWorker;
const XINHUI_PERSON = { kind: "person", role: "respondent", personId: "pe-440705001001-000001" };

describe("dispute refusals: other counties, roles, bad input, versions and idempotency", () => {
  it("another county's person or an unknown unit is refused naming the party's field; the case is unchanged", async () => {
    const c = await openCase();
    const other = await dispute(worker, c, "record", { ...RECORD, parties: [PARTIES[0], XINHUI_PERSON] });
    expect(other.status).toBe(403);
    expect(await fieldsOf(other)).toEqual(["body.parties[1].personId"]);
    const unit = { kind: "unit", role: "respondent", unitId: "un-440703001001-000099" };
    const unknown = await dispute(worker, c, "record", { ...RECORD, parties: [unit, PARTIES[1]] });
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toEqual(["body.parties[0].unitId"]);
    const after = await (await call(worker, "GET", `/v1/cases/${c.id}`)).json<CaseView>();
    expect(after.version).toBe(c.version);
    expect(after.dispute).toBeUndefined();
  });

  it("a base-data unit is kept by reference, with the name base data masks", async () => {
    const unit = { kind: "unit", role: "respondent", unitId: "un-440703001001-000001" };
    const c = await disputed(worker, await openCase(), "record", { ...RECORD, parties: [PARTIES[0], unit] });
    expect(c.dispute?.parties[1]).toMatchObject({ kind: "unit", ref: "un-440703001001-000001", name: "白沙*****公司" });
  });

  it("another county's agency, another grid's worker and an undispatched department may not record", async () => {
    const c = await openCase();
    expect((await dispute(principals.otherCountyAgency, c, "record", RECORD)).status).toBe(403);
    const otherGrid = { ...worker, sub: "t-worker-2", grids: ["440703001001002"] };
    expect((await dispute(otherGrid, c, "record", RECORD)).status).toBe(403);
    const dept = await dispute(principals.department, c, "record", RECORD);
    expect(dept.status).toBe(403);
    expect((await dept.json<Problem>()).detail).toBe("this case lies outside your jurisdiction");
    // An assisting department reads the case but handles nothing of it.
    const d = await step(principals.townshipAgency, await recordedDispute(), "dispatch", {
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440703-housing"],
    });
    const assisting = await dispute(principals.otherDepartment, d, "grade", { level: "major", reason: "危险" });
    expect(assisting.status).toBe(403);
    expect((await assisting.json<Problem>()).detail).toBe("your role or unit may not grade this dispute");
  });

  it("bad bodies answer problem+json naming the fields", async () => {
    const c = await openCase();
    const one = await dispute(worker, c, "record", { ...RECORD, parties: [PARTIES[0]] });
    expect(one.status).toBe(400);
    expect(await fieldsOf(one)).toContain("body.parties");
    const badId = await dispute(worker, c, "record", {
      ...RECORD,
      parties: [{ ...PARTIES[0], idNumber: "440703199003071234" }, PARTIES[1]],
    });
    expect(badId.status).toBe(400);
    expect((await fieldsOf(badId)).join()).toMatch(/parties.*0.*idNumber/);
    const stray = await dispute(worker, c, "record", { ...RECORD, claims: [{ by: 5, text: "x" }] });
    expect(stray.status).toBe(422);
    expect((await stray.json<Problem>()).detail).toContain("body.claims[0].by");
    const notYet = await dispute(worker, c, "add-contact", {
      at: "2026-03-18T02:00:00Z",
      channel: "visit",
      summary: "x",
    });
    expect(notYet.status).toBe(409);
    expect((await notYet.json<Problem>()).detail).toContain("record it first");
    const d = await recordedDispute();
    const divert = { channel: "litigation", reason: "起诉", receivingBody: "蓬江区人民法院" };
    const diverted = await disputed(principals.townshipAgency, d, "divert", divert);
    const early = await dispute(principals.townshipAgency, diverted, "record-outcome", {
      result: "upheld",
      text: "判决",
      decidedOn: "2020-01-01",
    });
    expect(early.status).toBe(422);
    expect((await early.json<Problem>()).detail).toContain("body.decidedOn");
  });

  it("If-Match is required and checked; an Idempotency-Key replays the first answer", async () => {
    const c = await openCase();
    const none = await call(worker, "POST", path(c, "record"), RECORD);
    expect(none.status).toBe(428);
    const stale = await dispute(worker, { ...c, version: c.version - 1 }, "record", RECORD);
    expect(stale.status).toBe(412);
    const key = { "idempotency-key": `dispute-record-${c.id}` };
    const first = await dispute(worker, c, "record", RECORD, key);
    expect(first.status).toBe(200);
    const again = await dispute(worker, c, "record", RECORD, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json<CaseView>()).version).toBe((await first.json<CaseView>()).version);
    const changed = await dispute(worker, c, "record", { ...RECORD, summary: "另一件事" }, key);
    expect(changed.status).toBe(422);
  });

  it("a case of another county cannot be recorded by this county's worker, and non-disputes have no agreement", async () => {
    const c = await report(worker);
    const res = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/dispute/agreement`);
    expect(res.status).toBe(404);
    expect((await res.json<Problem>()).detail).toBe("this case is not a dispute");
    const outsider = await call(principals.otherCountyAgency, "GET", `/v1/cases/${c.id}/dispute/agreement`);
    expect(outsider.status).toBe(403);
  });
});
