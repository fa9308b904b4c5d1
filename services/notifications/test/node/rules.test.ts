import { describe, expect, it } from "vitest";
import { conditionHolds } from "../../src/domain/audience";
import { matchRules, type MessageTemplate, type NotificationRule } from "../../src/domain/rules";

const templates = new Map<string, MessageTemplate>([
  ["dispatch", { code: "dispatch", title: "新派遣案件：{{title}}", body: "案件{{caseId}}请于{{dueAt}}前签收。" }],
]);
const rule = (over: Partial<NotificationRule> = {}): NotificationRule => ({
  audience: "dept:leadDepartmentId",
  condition: null,
  channel: "in_app",
  templateCode: "dispatch",
  urgent: false,
  ...over,
});
const data = { caseId: "CASE-1", leadDepartmentId: "dept-440703-police", priority: "normal" };
const variables = { caseId: "CASE-1", title: "井盖缺失" };

describe("rules pick who is told what", () => {
  it("renders the rule's template for the keys its audience names, a missing value shown as a dash", () => {
    expect(matchRules([rule()], templates, data, variables)).toEqual([
      {
        channel: "in_app",
        templateCode: "dispatch",
        title: "新派遣案件：井盖缺失",
        body: "案件CASE-1请于—前签收。",
        urgent: false,
        keys: ["dept:dept-440703-police"],
      },
    ]);
  });

  it("keeps the rules' order and skips a rule whose audience does not parse or whose template is missing", () => {
    const rules = [rule({ channel: "sms" }), rule({ audience: "nobody" }), rule({ templateCode: "gone" }), rule()];
    expect(matchRules(rules, templates, data, variables).map((m) => m.channel)).toEqual(["sms", "in_app"]);
  });

  it("applies a rule only when its condition holds on the event data", () => {
    const emergencyOnly = rule({ condition: "priority=emergency" });
    expect(matchRules([emergencyOnly], templates, data, variables)).toEqual([]);
    expect(matchRules([emergencyOnly], templates, { ...data, priority: "emergency" }, variables)).toHaveLength(1);
    expect(conditionHolds(null, {})).toBe(true);
    expect(conditionHolds("priority=emergency", {})).toBe(false);
    expect(conditionHolds("malformed", { malformed: "" })).toBe(false);
  });

  it("makes every message of an emergency urgent, and keeps a rule's own urgency", () => {
    expect(matchRules([rule()], templates, { ...data, priority: "emergency" }, variables)[0]?.urgent).toBe(true);
    expect(matchRules([rule({ urgent: true })], templates, data, variables)[0]?.urgent).toBe(true);
  });
});
