import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { act, call, step } from "./helpers";
import { AGREEMENT, count, dispute, disputed, eventTypes, RAW, recordedDispute, SESSION } from "./dispute-helpers";

const worker = principals.gridWorker;
const agency = principals.townshipAgency;

describe("mediation: a mediator, sessions, an agreement and its follow-up (人民调解法 第二十九条–第三十一条)", () => {
  it("records a dispute with masked parties, mediates it to an agreement that handles the case, and follows it up", async () => {
    let c = await recordedDispute();
    expect(c.dispute?.stage).toBe("recorded");
    expect(c.dispute?.parties.map((p) => [p.kind, p.ref, p.name, p.idNumber, p.phone])).toEqual([
      ["named", null, "欧阳*国", "440703********1235", "138****5678"],
      ["person", "pe-440703001001-000001", "张*", null, null],
    ]);
    expect(c.dispute?.amount).toBe(3000);
    c = await disputed(worker, c, "add-contact", {
      at: "2026-03-18T02:00:00Z",
      channel: "visit",
      parties: [0, 1],
      summary: "分别走访双方",
    });
    c = await disputed(worker, c, "assign-mediator", { mediatorId: "med-pj-village-01" });
    expect(c.dispute?.mediation).toMatchObject({ mediatorKind: "village_committee", mediatorName: "陈调解" });
    expect(c.dispute?.stage).toBe("mediating");
    c = await disputed(worker, c, "record-session", { ...SESSION, outcome: "adjourned" });
    expect(c.dispute?.stage).toBe("mediating");
    expect(c.status).toBe("accepted");
    c = await disputed(worker, c, "record-agreement", AGREEMENT);
    // The agreement settles the dispute: the mediation is the case's handling, the agency's check closes it.
    expect(c.dispute?.stage).toBe("agreed");
    expect(c.status).toBe("handled");
    expect(c.outcome).toContain("被申请人于三月底前拆除越界部分");
    expect(c.dispute?.agreement?.signatories[0]?.name).toBe("欧阳*国");
    c = await step(agency, c, "check", { passed: true, opinion: "协议已签订" });
    expect(c.status).toBe("closed");

    const html = await call(agency, "GET", `/v1/cases/${c.id}/dispute/agreement`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    const page = await html.text();
    expect(page).toContain("人民调解协议书");
    expect(page).toContain("被申请人于三月底前拆除越界部分");
    expect(page).toContain("欧阳*国");
    expect(page).toContain("2026-03-31");
    expect(page).not.toContain(RAW.name);
    expect(page).not.toContain(RAW.idNumber);

    c = await disputed(worker, c, "follow-up", { at: "2026-04-01T02:00:00Z", kept: true, notes: "已按协议拆除" });
    expect(c.dispute?.stage).toBe("kept");
    expect(c.dispute?.agreement?.status).toBe("kept");
    expect(c.status).toBe("closed");
    const types = await eventTypes(c);
    expect(types).toContain("dispute.agreement_recorded");
    expect(count(types, "case.handled")).toBe(1);
  });

  it("a follow-up finding the agreement broken reopens the closed case back to the agency", async () => {
    let c = await recordedDispute();
    c = await disputed(worker, c, "assign-mediator", { mediatorId: "med-pj-township-01" });
    c = await disputed(worker, c, "record-agreement", AGREEMENT);
    c = await step(agency, c, "check", { passed: true, opinion: "协议已签订" });
    expect(c.status).toBe("closed");
    c = await disputed(worker, c, "follow-up", { at: "2026-04-01T02:00:00Z", kept: false, notes: "未拆除" });
    expect(c.status).toBe("accepted");
    expect(c.closedAt).toBeNull();
    expect(c.dispute?.stage).toBe("mediating");
    expect(c.dispute?.agreement).toBeNull();
    expect(c.dispute?.brokenAgreements).toHaveLength(1);
    const types = await eventTypes(c);
    expect(types.slice(-2)).toEqual(["dispute.followed_up", "dispute.reopened"]);
    // No current agreement to print now.
    const none = await call(agency, "GET", `/v1/cases/${c.id}/dispute/agreement`);
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toContain("application/problem+json");
  });

  it("a settled session of an accepted case handles it; a failed one does not and the case cannot close", async () => {
    let c = await recordedDispute();
    c = await disputed(worker, c, "assign-mediator", { mediatorId: "med-pj-worker-01" });
    c = await disputed(worker, c, "record-session", { ...SESSION, outcome: "failed" });
    expect(c.dispute?.stage).toBe("failed");
    expect(c.status).toBe("accepted");
    const again = await disputed(worker, c, "assign-mediator", { mediatorId: "med-pj-pro-01" });
    const settled = await disputed(worker, again, "record-session", { ...SESSION, outcome: "settled" });
    expect(settled.dispute?.stage).toBe("settled");
    expect(settled.status).toBe("handled");
    expect(settled.dispute?.mediation?.sessions).toHaveLength(2);
  });

  it("refuses mediators that are unknown, inactive, another village's or another county's, naming body.mediatorId", async () => {
    const c = await recordedDispute();
    const unknown = await dispute(worker, c, "assign-mediator", { mediatorId: "med-nobody-01" });
    expect(unknown.status).toBe(422);
    const other = await dispute(worker, c, "assign-mediator", { mediatorId: "med-xh-village-01" });
    expect(other.status).toBe(403);
    const body = await other.json<{ errors: { field: string }[] }>();
    expect(body.errors.map((e) => e.field)).toEqual(["body.mediatorId"]);
    const retired = await dispute(worker, c, "assign-mediator", { mediatorId: "med-pj-retired-01" });
    expect(retired.status).toBe(422);
    expect(await retired.text()).toContain("body.mediatorId");
    const after = await call(worker, "GET", `/v1/cases/${c.id}`);
    expect((await after.json<CaseView>()).version).toBe(c.version);
  });

  it("a session before any mediator is 409 naming the dispute commands allowed now", async () => {
    const c = await recordedDispute();
    const res = await dispute(worker, c, "record-session", { ...SESSION, outcome: "settled" });
    expect(res.status).toBe(409);
    const body = await res.json<{ allowed: string[]; detail: string }>();
    expect(body.detail).toContain("stage recorded");
    // The stage's commands, as the case loop's 409 lists the status's (divert is the agency's, still allowed now).
    expect(body.allowed).toEqual(["record", "add-contact", "record-threat", "grade", "assign-mediator", "divert"]);
    const check = await act(agency, c, "check", { passed: true, opinion: "x" });
    expect(check.status).toBe(409);
  });
});
