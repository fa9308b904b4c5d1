import { POLICY } from "@civicgrid/auth";
import { CommandBodies } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { principals } from "@civicgrid/testing/principals";
import type { Principal } from "@civicgrid/contracts";
import {
  decide,
  decideForPlatform,
  LIFECYCLE,
  openCase,
  PEOPLE_COMMANDS,
  type CaseCommand,
  type CaseState,
} from "../../src/domain";

const NOW = new Date("2026-03-16T02:00:00Z");

function opened(): CaseState {
  const steps = openCase(
    {
      id: "CASE-20260316-ABCDEFGHJK",
      title: "路灯不亮",
      description: "三号路口路灯不亮",
      categoryCode: "A01",
      priority: "normal",
      source: "grid_worker",
      location: null,
      reporterSub: principals.resident.sub,
      followTokenHash: null,
      external: null,
      workOrder: null,
      placement: {
        gridCode: "440703001001001",
        villageCode: "440703001001",
        townshipCode: "440703001000",
        countyCode: "440703000000",
      },
      admission: { matterCode: "A01", countyCode: "440703000000", status: "unlisted", name: "道路破损" },
    },
    NOW,
  );
  return steps[steps.length - 1]!.state;
}

describe("the case lifecycle table", () => {
  it("has one entry for every command route, and the platform's cancel and amend besides", () => {
    expect([...PEOPLE_COMMANDS].sort()).toEqual(Object.keys(CommandBodies).sort());
    expect(Object.keys(LIFECYCLE).filter((n) => LIFECYCLE[n as keyof typeof LIFECYCLE].by === "platform")).toEqual([
      "cancel",
      "amend",
    ]);
  });

  it("names for each command exactly the roles the access policy grants its action", () => {
    for (const name of PEOPLE_COMMANDS) {
      const rule = LIFECYCLE[name];
      expect({ name, roles: rule.roles }).toEqual({ name, roles: POLICY[rule.by] });
    }
  });

  it("says a department may return a case, with a reason, from dispatched or signed", () => {
    expect(LIFECYCLE.return).toMatchObject({
      by: "case:return",
      roles: ["department"],
      from: ["dispatched", "signed"],
      emits: ["case.returned"],
    });
    expect(CommandBodies.return.safeParse({}).success).toBe(false);
  });

  it("emits from each command only the events its entry names", () => {
    let s = opened();
    const walk: [Principal, CaseCommand][] = [
      [principals.gridWorker, { name: "verify", body: {} }],
      [principals.countyAgency, { name: "approve-matter", body: { opinion: "同意" } }],
      [principals.townshipAgency, { name: "accept", body: {} }],
      [
        principals.townshipAgency,
        { name: "dispatch", body: { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: [] } },
      ],
      [
        principals.department,
        { name: "return", body: { ground: "not_function", reason: "不属于公安职责", evidence: [] } },
      ],
      [principals.townshipAgency, { name: "rule-return", body: { upheld: false, opinion: "属公安职责" } }],
      [principals.department, { name: "sign", body: {} }],
      [principals.department, { name: "request-extension", body: { amount: 1, unit: "working_days", reason: "采购" } }],
      [principals.townshipAgency, { name: "review-extension", body: { approved: false, opinion: "不同意" } }],
      [principals.department, { name: "handle", body: { outcome: "已修复", evidence: [] } }],
      [principals.townshipAgency, { name: "check", body: { passed: true, opinion: "合格" } }],
      [principals.townshipAgency, { name: "follow-up", body: { channel: "phone", reached: false } }],
      [principals.townshipAgency, { name: "follow-up", body: { channel: "sms", reached: true, rating: "satisfied" } }],
      [principals.countyAgency, { name: "archive", body: {} }],
    ];
    for (const [who, command] of walk) {
      const d = decide(s, command, who, NOW);
      if (!d.ok) throw new Error(`${command.name}: ${d.detail}`);
      for (const step of d.steps) expect(LIFECYCLE[command.name].emits).toContain(step.type);
      s = d.steps[d.steps.length - 1]!.state;
    }
    const platform = { sub: "platform:yuepingan", role: "platform", unit: "platform" };
    const amended = decideForPlatform(opened(), { name: "amend", body: { note: "补充" } }, platform, NOW);
    expect(amended.ok && amended.steps.map((x) => x.type)).toEqual(LIFECYCLE.amend.emits);
    const cancelled = decideForPlatform(opened(), { name: "cancel", body: { reason: "撤回" } }, platform, NOW);
    expect(cancelled.ok && cancelled.steps.map((x) => x.type)).toEqual(LIFECYCLE.cancel.emits);
  });
});
