import { principals } from "@civicgrid/testing";
import { describe, expect, it } from "vitest";
import { outboxEvents } from "./helpers";
import { count, disputed, eventTypes, RECORD, recordedDispute } from "./dispute-helpers";

const worker = principals.gridWorker;
/** Parties no other dispute of this file names (no base-data record, no ID number), so the repeat rule stays quiet. */
const strangers = (n: number) => [
  { kind: "named", role: "applicant", name: `路人甲${n}` },
  { kind: "named", role: "respondent", name: `路人乙${n}` },
];
let cases = 0;
const fresh = (record: Record<string, unknown> = {}) =>
  recordedDispute({ ...RECORD, parties: strangers(++cases), ...record });
const threat = (violence: boolean) => ({
  at: "2026-03-19T02:00:00Z",
  by: 1,
  description: violence ? "持刀威胁对方" : "扬言要让对方好看",
  violence,
});

describe("risk: the county's rules raise the level; major reaches the county and violence the police, once each", () => {
  it("a recorded threat raises a general dispute to larger, saying why", async () => {
    let c = await fresh();
    expect(c.dispute?.risk).toMatchObject({ level: "general", source: "rule", countyWarnedAt: null });
    c = await disputed(worker, c, "record-threat", threat(false));
    expect(c.dispute?.risk).toMatchObject({ level: "larger", source: "rule" });
    expect(c.dispute?.risk.reasons.map((r) => r.rule)).toEqual(["threat"]);
    expect((await eventTypes(c)).slice(-2)).toEqual(["dispute.threat_recorded", "dispute.risk_raised"]);
  });

  it("violence makes it major: the county takes the case and the police are told, each exactly once", async () => {
    let c = await fresh();
    expect(c.holderDivisionCode).toBe("440703001001");
    c = await disputed(worker, c, "record-threat", threat(true));
    expect(c.dispute?.risk.level).toBe("major");
    expect(c.dispute?.risk.countyWarnedAt).not.toBeNull();
    expect(c.dispute?.risk.policeWarnedAt).not.toBeNull();
    expect(c.holderDivisionCode).toBe("440703000000");
    expect(c.dispute).not.toHaveProperty("warnedDepartmentIds");
    // Further violence, a handler's major grade and other commands warn nobody again.
    c = await disputed(worker, c, "record-threat", threat(true));
    c = await disputed(worker, c, "grade", { level: "major", reason: "多次暴力威胁" });
    c = await disputed(worker, c, "add-contact", { at: "2026-03-21T02:00:00Z", channel: "phone", summary: "电话回访" });
    const types = await eventTypes(c);
    expect(count(types, "dispute.county_warned")).toBe(1);
    expect(count(types, "dispute.police_warned")).toBe(1);
    expect(count(types, "dispute.risk_raised")).toBe(1);
    const police = (await outboxEvents(c.id)).filter((e) => e.type === "dispute.police_warned");
    expect(police).toHaveLength(1);
    expect(police[0]!.data.warnDepartmentIds).toEqual(["dept-440703-police"]);
    expect(police[0]!.data.dispute).toMatchObject({ riskLevel: "major", relation: "neighbours", stage: "recorded" });
    const county = (await outboxEvents(c.id)).find((e) => e.type === "dispute.county_warned")!;
    expect(county.data.holderDivisionCode).toBe("440703000000");
    expect(county.data.warnDepartmentIds).toBeUndefined();
  });

  it("a party in a watched group raises it at recording, without naming the group", async () => {
    const c = await fresh({
      parties: [strangers(0)[0], { kind: "person", role: "respondent", personId: "pe-440703001001-000009" }],
    });
    expect(c.dispute?.risk.level).toBe("larger");
    expect(c.dispute?.risk.reasons).toEqual([{ rule: "watched-party", detail: "a party belongs to a watched group" }]);
    expect(JSON.stringify(c)).not.toContain("mental_disorder");
    const general = await fresh({
      parties: [strangers(0)[1], { kind: "person", role: "respondent", personId: "pe-440703001001-000008" }],
    });
    expect(general.dispute?.risk.level).toBe("general");
  });

  it("a large amount claimed raises it", async () => {
    const claims = [
      { by: 0, text: "赔偿损失", amount: 300_000 },
      { by: 0, text: "支付欠款", amount: 250_000 },
    ];
    const c = await fresh({ relation: "debt", claims });
    expect(c.dispute?.amount).toBe(550_000);
    expect(c.dispute?.risk).toMatchObject({ level: "larger", reasons: [{ rule: "large-amount" }] });
  });

  it("the handler may grade under the rules with a reason; only a rule that newly holds raises it again", async () => {
    let c = await disputed(worker, await fresh(), "record-threat", threat(false));
    expect(c.dispute?.risk.level).toBe("larger");
    c = await disputed(worker, c, "grade", { level: "general", reason: "双方已当面和解，威胁系气话" });
    expect(c.dispute?.risk).toMatchObject({ level: "general", source: "handler" });
    expect(c.dispute?.risk.reasons[0]).toEqual({ rule: "handler", detail: "双方已当面和解，威胁系气话" });
    c = await disputed(worker, c, "record-threat", threat(false));
    expect(c.dispute?.risk.level).toBe("general"); // the same rule again: the handler's grade stands
    c = await disputed(worker, c, "record-threat", threat(true));
    expect(c.dispute?.risk).toMatchObject({ level: "major", source: "rule" });
    const types = await eventTypes(c);
    expect(count(types, "dispute.graded")).toBe(1);
    expect(count(types, "dispute.county_warned")).toBe(1);
  });

  it("the same party in other disputes of the county raises it (the repeat rule), counting each dispute once", async () => {
    const neighbour = { kind: "person", role: "respondent", personId: "pe-440703001001-000007" };
    const first = await fresh({ parties: [strangers(++cases)[0], neighbour] });
    expect(first.dispute?.risk.level).toBe("general");
    const again = await fresh({ parties: [strangers(++cases)[0], neighbour] });
    expect(again.dispute?.risk).toMatchObject({ level: "larger", source: "rule" });
    expect(again.dispute?.risk.reasons).toEqual([
      { rule: "repeat-parties", detail: "a party appears in 1 other dispute(s) of the county within 180 days" },
    ]);
    // A named party whose ID number base data knows is that person: person 3 under two names is one party.
    const known = { kind: "named", role: "applicant", name: "王某明", idNumber: "440703198001011234" };
    await fresh({ parties: [known, strangers(++cases)[1]] });
    const person3 = { kind: "person", role: "applicant", personId: "pe-440703001001-000003" };
    const third = await fresh({ parties: [person3, strangers(++cases)[1]] });
    expect(third.dispute?.risk.reasons.map((r) => r.rule)).toEqual(["repeat-parties"]);
  });

  it("events of a dispute case carry its summary; other cases' events carry null", async () => {
    const c = await recordedDispute();
    const events = await outboxEvents(c.id);
    expect(events.filter((e) => e.type.startsWith("case.")).every((e) => e.data.dispute === null)).toBe(true);
    const recorded = events.find((e) => e.type === "dispute.recorded")!;
    expect(recorded.data.dispute).toEqual({
      stage: "recorded",
      relation: "neighbours",
      riskLevel: "general",
      mediatorId: null,
      mediatorKind: null,
      diversionChannel: null,
      amount: 3000,
    });
    expect(recorded.data.details).toMatchObject({ first: true });
  });
});
