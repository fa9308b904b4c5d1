import { defaultRiskRules, type CountyRiskRules, type RiskFacts, type Threat } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { assessRisk, higher } from "../../src/domain/dispute/risk";
import { dispute } from "./dispute-risk-fixtures";

const AT = "2026-11-20T02:00:00.000Z";
const RULES = defaultRiskRules("440703000000");
const NO_FACTS: RiskFacts = { repeats: {}, partyTagKinds: [] };
const plain = () => dispute(["pe-440703001001-000001", "pe-440703001001-000002"], AT);
const threat = (violence: boolean): Threat => ({ at: AT, by: 1, description: "扬言报复", violence });
const only = (rule: CountyRiskRules["rules"][number]): CountyRiskRules => ({ ...RULES, rules: [rule] });

describe("assessRisk: each kind of county rule (Gansu 二(一)1(2)–(3))", () => {
  it("finds general with no reasons when no rule holds", () => {
    expect(assessRisk(plain(), RULES, NO_FACTS)).toEqual({ level: "general", reasons: [] });
  });

  it("repeat_parties holds from atLeast other disputes, not below", () => {
    const rule = { id: "again", when: "repeat_parties", withinDays: 90, atLeast: 2, raiseTo: "larger" } as const;
    expect(assessRisk(plain(), only(rule), { ...NO_FACTS, repeats: { again: 1 } }).level).toBe("general");
    const found = assessRisk(plain(), only(rule), { ...NO_FACTS, repeats: { again: 2 } });
    expect(found.level).toBe("larger");
    expect(found.reasons).toEqual([
      { rule: "again", detail: "a party appears in 2 other dispute(s) of the county within 90 days" },
    ]);
    // Counts are per rule: another rule's count does not make this one hold.
    expect(assessRisk(plain(), only(rule), { ...NO_FACTS, repeats: { other: 9 } }).level).toBe("general");
  });

  it("threat holds once any threat is recorded; violence only for violence against a person", () => {
    const words = dispute(["pe-440703001001-000001", null], AT, { threats: [threat(false)] });
    const blows = dispute(["pe-440703001001-000001", null], AT, { threats: [threat(false), threat(true)] });
    expect(assessRisk(words, RULES, NO_FACTS)).toEqual({
      level: "larger",
      reasons: [{ rule: "threat", detail: "1 threat(s) recorded" }],
    });
    const found = assessRisk(blows, RULES, NO_FACTS);
    expect(found.level).toBe("major");
    expect(found.reasons.map((r) => r.rule)).toEqual(["threat", "violence"]);
  });

  it("party_tag holds for a watched kind and never names it (PIPL art. 28)", () => {
    expect(assessRisk(plain(), RULES, { ...NO_FACTS, partyTagKinds: ["left_behind_child"] }).level).toBe("general");
    const found = assessRisk(plain(), RULES, { ...NO_FACTS, partyTagKinds: ["mental_disorder_risk"] });
    expect(found).toEqual({
      level: "larger",
      reasons: [{ rule: "watched-party", detail: "a party belongs to a watched group" }],
    });
    expect(JSON.stringify(found)).not.toContain("mental");
  });

  it("amount holds from the amount claimed, not below and not without money claimed", () => {
    const claim = (amount: number | null) => dispute(["pe-440703001001-000001", null], AT, { amount });
    expect(assessRisk(claim(null), RULES, NO_FACTS).level).toBe("general");
    expect(assessRisk(claim(499_999), RULES, NO_FACTS).level).toBe("general");
    expect(assessRisk(claim(500_000), RULES, NO_FACTS).reasons).toEqual([
      { rule: "large-amount", detail: "500000 yuan claimed (at least 500000)" },
    ]);
  });

  it("takes the highest raiseTo of the rules that hold, whatever their order", () => {
    const rules: CountyRiskRules = {
      ...RULES,
      rules: [
        { id: "v", when: "violence", raiseTo: "major" },
        { id: "t", when: "threat", raiseTo: "larger" },
      ],
    };
    const blows = dispute([null, null], AT, { threats: [threat(true)] });
    expect(assessRisk(blows, rules, NO_FACTS).level).toBe("major");
    expect(assessRisk(blows, { ...rules, rules: [...rules.rules].reverse() }, NO_FACTS).level).toBe("major");
    expect(higher("larger", "general")).toBe("larger");
    expect(higher("general", "major")).toBe("major");
  });

  it("a county may set a rule to raise only to general, or set no rules at all", () => {
    const blows = dispute([null, null], AT, { threats: [threat(true)] });
    expect(assessRisk(blows, only({ id: "v", when: "violence", raiseTo: "general" }), NO_FACTS)).toEqual({
      level: "general",
      reasons: [{ rule: "v", detail: "violence used or threatened against a person" }],
    });
    expect(assessRisk(blows, { ...RULES, rules: [] }, NO_FACTS).level).toBe("general");
  });
});
