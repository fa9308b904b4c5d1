import { defaultRiskRules } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing/principals";
import { describe, expect, it } from "vitest";
import type { DisputeCommand } from "../../src/domain/dispute";
import { context, recorded, run } from "./dispute-fixtures";

const threat = (violence: boolean): DisputeCommand => ({
  name: "record-threat",
  body: { at: "2026-03-17T02:00:00Z", description: "威胁", violence },
});
const grade = (level: "general" | "larger" | "major", reason = "研判"): DisputeCommand => ({
  name: "grade",
  body: { level, reason },
});
const contact: DisputeCommand = {
  name: "add-contact",
  body: { at: "2026-03-17T02:00:00Z", channel: "phone", parties: [], summary: "回访" },
};

describe("the risk step after each dispute command", () => {
  it("raises by the rules with the reasons of the rules that newly hold", () => {
    const { state, steps } = run(recorded(), threat(false));
    expect(steps.map((s) => s.type)).toEqual(["dispute.threat_recorded", "dispute.risk_raised"]);
    expect(steps[1]!.details).toMatchObject({ from: "general", to: "larger", reasons: [{ rule: "threat" }] });
    expect(state.dispute?.risk).toMatchObject({ level: "larger", source: "rule" });
  });

  it("reads the facts gathered before: a watched party's tag and the repeat counts", () => {
    const tagged = run(
      recorded(),
      contact,
      principals.gridWorker,
      context({ facts: { repeats: {}, partyTagKinds: ["drug_user"] } }),
    );
    expect(tagged.state.dispute?.risk.level).toBe("larger");
    const repeat = run(
      recorded(),
      contact,
      principals.gridWorker,
      context({ facts: { repeats: { "repeat-parties": 2 }, partyTagKinds: [] } }),
    );
    expect(repeat.state.dispute?.risk.reasons.map((r) => r.rule)).toEqual(["repeat-parties"]);
  });

  it("warns the county once when major, moving the holder up to the county; a city holder keeps it", () => {
    const first = run(recorded(), grade("major"));
    expect(first.steps.map((s) => s.type)).toEqual(["dispute.graded", "dispute.county_warned"]);
    expect(first.state.holderDivisionCode).toBe("440703000000");
    const again = run(first.state, grade("major", "再研判"), principals.countyAgency);
    expect(again.steps.map((s) => s.type)).toEqual(["dispute.graded"]);
    const atCity = { ...recorded(), holderDivisionCode: "440700000000" };
    const city = run(atCity, grade("major"), principals.cityAgency);
    expect(city.state.holderDivisionCode).toBe("440700000000");
    expect(city.state.dispute?.risk.countyWarnedAt).toBe("2026-03-16T02:00:00.000Z");
  });

  it("tells the county's police of violence once, naming the departments of the county's rules", () => {
    const rules = {
      ...defaultRiskRules("440703000000"),
      policeDepartmentIds: ["dept-440703-police", "dept-440703-emergency"],
    };
    const first = run(recorded(), threat(true), principals.gridWorker, context({ rules }));
    expect(first.steps.map((s) => s.type)).toEqual([
      "dispute.threat_recorded",
      "dispute.risk_raised",
      "dispute.county_warned",
      "dispute.police_warned",
    ]);
    expect(first.steps.at(-1)!.details).toMatchObject({ warnDepartmentIds: rules.policeDepartmentIds });
    // Kept for the early-warning projection, never shown in the case's answer.
    expect(first.state.dispute?.warnedDepartmentIds).toEqual(rules.policeDepartmentIds);
    const again = run(first.state, threat(true), principals.gridWorker, context({ rules }));
    expect(again.steps.map((s) => s.type)).toEqual(["dispute.threat_recorded"]);
  });

  it("keeps a handler's grade under the rules until a rule newly holds", () => {
    const larger = run(recorded(), threat(false)).state;
    const lowered = run(larger, grade("general", "已和解")).state;
    expect(lowered.dispute?.risk).toMatchObject({ level: "general", source: "handler" });
    expect(lowered.dispute?.risk.reasons.map((r) => r.rule)).toEqual(["handler", "threat"]);
    const same = run(lowered, threat(false));
    expect(same.state.dispute?.risk.level).toBe("general");
    const amount = run(lowered, {
      name: "record",
      body: { relation: "debt", summary: "欠款", claims: [{ by: 0, text: "还款", amount: 600_000 }] },
    });
    expect(amount.steps.map((s) => s.type)).toEqual(["dispute.recorded", "dispute.risk_raised"]);
    expect(amount.state.dispute?.risk).toMatchObject({ level: "larger", source: "rule" });
  });
});
