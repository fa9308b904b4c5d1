import { principals } from "@civicgrid/testing";
import type { CaseView, Principal } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, caseShard, outboxEvents, step } from "./helpers";
import { AGREEMENT, disputed, PARTIES, RAW, RECORD, recordedDispute } from "./dispute-helpers";

const read = (who: Principal, c: Pick<CaseView, "id">, index: number, body: unknown = { purpose: "送达调解通知" }) =>
  call(who, "POST", `/v1/cases/${c.id}/dispute/parties/${index}/identity`, body);

const logged = async (caseId: string) =>
  (
    await (
      await caseShard(caseId)
    )
      .prepare("SELECT party_index, sub, role, purpose FROM dispute_access_log WHERE case_id = ? ORDER BY at")
      .bind(caseId)
      .all<{ party_index: number; sub: string; role: string; purpose: string }>()
  ).results;

describe("a party's identity: masked in every answer, read unmasked only by the case's handlers, audited", () => {
  it("never shows the raw name, ID number or phone in the case, its archive or its events", async () => {
    let c = await recordedDispute();
    c = await disputed(principals.gridWorker, c, "assign-mediator", { mediatorId: "med-pj-village-01" });
    c = await disputed(principals.gridWorker, c, "record-agreement", AGREEMENT);
    const answers = [
      JSON.stringify(c),
      await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}`)).text(),
      await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`)).text(),
      await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive.html`)).text(),
      JSON.stringify(await outboxEvents(c.id)),
    ];
    for (const answer of answers) {
      expect(answer).not.toContain(RAW.idNumber);
      expect(answer).not.toContain(RAW.name);
      expect(answer).not.toContain(RAW.phone);
      expect(answer).not.toContain("sealed");
    }
  });

  it("the case's grid worker and holding agency read it, each read logged with its purpose", async () => {
    const c = await recordedDispute();
    const res = await read(principals.gridWorker, c, 0);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ index: 0, role: "applicant", ...RAW, address: "白沙村三巷5号" });
    expect((await read(principals.townshipAgency, c, 0, { purpose: "核实身份以制作协议" })).status).toBe(200);
    expect(await logged(c.id)).toEqual([
      { party_index: 0, sub: "t-worker", role: "grid_worker", purpose: "送达调解通知" },
      { party_index: 0, sub: "t-township", role: "agency", purpose: "核实身份以制作协议" },
    ]);
  });

  it("an assisting department, another grid's worker and another county's agency are refused, and nothing is logged", async () => {
    let c = await recordedDispute();
    c = await step(principals.townshipAgency, c, "dispatch", {
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440703-housing"],
    });
    expect((await call(principals.otherDepartment, "GET", `/v1/cases/${c.id}`)).status).toBe(200);
    const assisting = await read(principals.otherDepartment, c, 0);
    expect(assisting.status).toBe(403);
    const otherGrid = { ...principals.gridWorker, sub: "t-worker-2", grids: ["440703001001002"] };
    expect((await read(otherGrid, c, 0)).status).toBe(403);
    expect((await read(principals.otherCountyAgency, c, 0)).status).toBe(403);
    expect((await read(principals.resident, c, 0)).status).toBe(403);
    expect(await logged(c.id)).toEqual([]);
    expect((await read(principals.department, c, 0)).status).toBe(200); // the lead department handles it
  });

  it("base-data parties are read in base data; a named party base data knows by ID number becomes that person", async () => {
    const known = { kind: "named", role: "respondent", name: "王小明", idNumber: "440703198001011234" };
    const c = await recordedDispute({ ...RECORD, parties: [PARTIES[0], known] });
    expect(c.dispute?.parties[1]).toMatchObject({ kind: "person", ref: "pe-440703001001-000003", name: "王*明" });
    const res = await read(principals.gridWorker, c, 1);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("read their identity in base data");
    expect(JSON.stringify(c)).not.toContain("440703198001011234");
    const missing = await read(principals.gridWorker, c, 7);
    expect(missing.status).toBe(404);
    const noPurpose = await read(principals.gridWorker, c, 0, {});
    expect(noPurpose.status).toBe(400);
    expect(await noPurpose.text()).toContain("purpose");
  });
});
