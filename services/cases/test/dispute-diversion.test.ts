import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { act, step } from "./helpers";
import { dispute, disputed, eventTypes, openCase, RECORD, recordedDispute } from "./dispute-helpers";

const agency = principals.townshipAgency;
const department = principals.department;
const DIVERT = {
  channel: "arbitration",
  reason: "劳动报酬争议须先行仲裁",
  receivingBody: "蓬江区劳动人事争议仲裁委员会",
};
// Decided today: the case runs on the real clock, and an outcome cannot predate the diversion.
const OUTCOME = {
  result: "partly_upheld",
  text: "裁决支付工资一万元",
  decidedOn: new Date().toISOString().slice(0, 10),
};

describe("diversion (分流): the case tracks where the dispute went and closes only with its outcome", () => {
  it("a diverted dispute at a department cannot be handled until its outcome is recorded", async () => {
    let c = await disputed(principals.gridWorker, await openCase(), "record", { ...RECORD, relation: "labour" });
    const byWorker = await dispute(principals.gridWorker, c, "divert", DIVERT);
    expect(byWorker.status).toBe(403); // diverting is the holder's or the department's decision
    c = await step(agency, c, "dispatch", { leadDepartmentId: "dept-440703-justice" });
    const justice = { ...department, sub: "t-justice", departmentId: "dept-440703-justice" };
    c = await step(justice, c, "sign");
    c = await disputed(justice, c, "divert", DIVERT);
    expect(c.dispute?.stage).toBe("diverted");
    expect(c.dispute?.diversion).toMatchObject({ channel: "arbitration", outcome: null });
    const early = await act(justice, c, "handle", { outcome: "已转仲裁" });
    expect(early.status).toBe(409);
    expect((await early.json<{ detail: string }>()).detail).toBe(
      "a dispute in stage diverted closes only with the outcome of its channel",
    );
    c = await disputed(justice, c, "record-outcome", OUTCOME);
    expect(c.dispute?.stage).toBe("concluded");
    expect(c.status).toBe("signed"); // at the department: its handling closes it, as any case's
    c = await step(justice, c, "handle", { outcome: "仲裁裁决已履行" });
    c = await step(agency, c, "check", { passed: true, opinion: "核查属实" });
    expect(c.status).toBe("closed");
  });

  it("an accepted case's diverted dispute is handled by its outcome, then the agency's check closes it", async () => {
    let c = await disputed(agency, await recordedDispute(), "divert", { ...DIVERT, channel: "petition" });
    c = await disputed(agency, c, "record-outcome", { ...OUTCOME, result: "rejected" });
    expect(c.status).toBe("handled");
    expect(c.outcome).toContain("petition: rejected");
    c = await step(agency, c, "check", { passed: true, opinion: "已办结" });
    expect(c.status).toBe("closed");
    expect((await eventTypes(c)).slice(-3)).toEqual(["dispute.outcome_recorded", "case.handled", "case.check_passed"]);
  });

  it("a passing check of a case handled before its dispute settled is refused naming the stage; a failing one runs", async () => {
    let c = await step(agency, await openCase(), "dispatch", { leadDepartmentId: "dept-440703-police" });
    c = await step(department, c, "sign");
    c = await step(department, c, "handle", { outcome: "已出警" });
    c = await disputed(department, c, "record", RECORD);
    const pass = await act(agency, c, "check", { passed: true, opinion: "合格" });
    expect(pass.status).toBe(422);
    expect((await pass.json<{ detail: string }>()).detail).toContain("a dispute in stage recorded closes only");
    c = await step(agency, c, "check", { passed: false, opinion: "纠纷未化解" });
    expect(c.status).toBe("signed");
  });

  it("a grid worker cannot resolve on site a dispute not yet mediated", async () => {
    const c = await disputed(principals.gridWorker, await openCase(true), "record", RECORD);
    const res = await act(principals.gridWorker, c, "resolve-on-site", { outcome: "已调解" });
    expect(res.status).toBe(409);
    expect((await res.json<{ detail: string }>()).detail).toContain("stage recorded");
    let m = await disputed(principals.gridWorker, c, "assign-mediator", { mediatorId: "med-pj-worker-01" });
    m = await disputed(principals.gridWorker, m, "record-session", {
      at: "2026-03-20T02:00:00Z",
      place: "现场",
      attendees: ["赵网格"],
      outcome: "settled",
      summary: "当场调解成功",
    });
    expect(m.status).toBe("verified");
    const closed = await step(principals.gridWorker, m, "resolve-on-site", { outcome: "现场调解成功" });
    expect(closed.status).toBe("closed");
  });
});
