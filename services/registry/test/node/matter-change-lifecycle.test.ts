import { principals } from "@civicgrid/testing/principals";
import { describe, expect, it } from "vitest";
import {
  decideApproval,
  decideRefusal,
  MATTER_CHANGE_LIFECYCLE,
  matterStatusRefusal,
  mayRequest,
  type MatterDecisionInput,
} from "../../src/domain/matter-change-lifecycle";

const PJ = "440703000000";
const item = {
  matterCode: "0199",
  name: "测试事项",
  categoryCode: "01",
  responsibleDepartmentKind: "justice",
  workerDuty: "handle",
  limits: {},
  emergency: false,
  stabilityRisk: false,
  policeCall: false,
} as const;
const approval: MatterDecisionInput = {
  actor: "t-county-pj",
  now: "2026-03-01T00:00:00.000Z",
  today: "2026-03-01",
  change: { action: "add", list: "admission", item: item as never },
  latest: { number: 3, effectiveDate: "2026-02-01" },
  present: null,
  categoryKnown: true,
};

describe("the matter change lifecycle (准入清单, Jiangmen 第九条)", () => {
  it("is requested by the county's departments or its township agencies, not by the county agency itself", () => {
    expect(mayRequest(principals.department, PJ)).toBe(true);
    expect(mayRequest(principals.townshipAgency, PJ)).toBe(true);
    expect(mayRequest(principals.countyAgency, PJ)).toBe(false);
    expect(mayRequest(principals.otherCountyAgency, PJ)).toBe(false);
    expect(mayRequest(principals.gridWorker, PJ)).toBe(false);
    expect(MATTER_CHANGE_LIFECYCLE.request.guard({ countyCode: "440703001000" })).toMatchObject({
      refused: "unprocessable",
    });
  });

  it("decides a request once: approve and refuse start from pending only", () => {
    for (const command of ["approve", "refuse"] as const) {
      expect(matterStatusRefusal(command, "pending")).toBeNull();
      expect(matterStatusRefusal(command, "approved")).toMatchObject({
        refused: "invalid_transition",
        message: "the request is approved",
      });
      expect(matterStatusRefusal(command, "refused")).toMatchObject({
        refused: "invalid_transition",
        message: "the request is refused",
      });
    }
  });

  it("approves into the next list version, effective no earlier than today and the county's newest version", () => {
    expect(decideApproval(approval)).toEqual({
      effectiveDate: "2026-03-01",
      effect: {
        status: "approved",
        decidedBy: "t-county-pj",
        decidedAt: approval.now,
        decisionNote: null,
        listNumber: 4,
      },
    });
    expect(decideApproval({ ...approval, effectiveDate: "2026-02-15" })).toMatchObject({
      errors: [{ field: "body.effectiveDate" }],
    });
    const later = { ...approval, latest: { number: 3, effectiveDate: "2026-04-01" } };
    expect(decideApproval(later)).toMatchObject({ effectiveDate: "2026-04-01" });
  });

  it("refuses to add a listed matter, withdraw an unlisted one, or add one of an unknown category", () => {
    expect(decideApproval({ ...approval, present: { list: "forbidden" } })).toMatchObject({ refused: "conflict" });
    const withdraw = { ...approval, change: { action: "withdraw", list: "admission", matterCode: "0199" } as const };
    expect(decideApproval({ ...withdraw, present: { list: "forbidden" } })).toMatchObject({ refused: "conflict" });
    expect(decideApproval({ ...withdraw, present: { list: "admission" } })).toMatchObject({
      effect: { status: "approved" },
    });
    expect(decideApproval({ ...approval, categoryKnown: false })).toMatchObject({ refused: "unprocessable" });
  });

  it("refuses with a reason", () => {
    expect(decideRefusal({ actor: "a", now: "n", note: " " })).toMatchObject({ refused: "validation_failed" });
    expect(decideRefusal({ actor: "a", now: "n", note: "不属于网格事项" })).toEqual({
      status: "refused",
      decidedBy: "a",
      decidedAt: "n",
      decisionNote: "不属于网格事项",
    });
  });
});
