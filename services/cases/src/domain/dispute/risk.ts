import { RISK_ORDER, type CountyRiskRules, type RiskFacts, type RiskLevel, type RiskRule } from "@civicgrid/contracts";
import type { DisputeRecord } from "./record";

export interface RiskFinding {
  level: RiskLevel;
  reasons: { rule: string; detail: string }[];
}

export const higher = (a: RiskLevel, b: RiskLevel): RiskLevel =>
  RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b;

/** Why one rule holds for the dispute and its facts, or null when it does not (never naming a sensitive tag). */
function holds(rule: RiskRule, dispute: DisputeRecord, facts: RiskFacts): string | null {
  switch (rule.when) {
    case "repeat_parties": {
      const others = facts.repeats[rule.id] ?? 0;
      return others >= rule.atLeast
        ? `a party appears in ${others} other dispute(s) of the county within ${rule.withinDays} days`
        : null;
    }
    case "threat":
      return dispute.threats.length > 0 ? `${dispute.threats.length} threat(s) recorded` : null;
    case "violence":
      return dispute.threats.some((t) => t.violence) ? "violence used or threatened against a person" : null;
    case "party_tag":
      // PIPL art. 28: which group stays unsaid; the handler with the right to see tags reads them in base data.
      return facts.partyTagKinds.some((k) => rule.tagKinds.includes(k as never))
        ? "a party belongs to a watched group"
        : null;
    case "amount":
      return dispute.amount !== null && dispute.amount >= rule.atLeast
        ? `${dispute.amount} yuan claimed (at least ${rule.atLeast})`
        : null;
  }
}

/**
 * The level the county's rules find for the dispute (Gansu 二(一)1(2)–(3)): the highest `raiseTo` of the rules
 * that hold, "general" when none does, with the reasons of every rule that holds. Pure.
 */
export function assessRisk(dispute: DisputeRecord, rules: CountyRiskRules, facts: RiskFacts): RiskFinding {
  let level: RiskLevel = "general";
  const reasons: RiskFinding["reasons"] = [];
  for (const rule of rules.rules) {
    const detail = holds(rule, dispute, facts);
    if (detail === null) continue;
    level = higher(level, rule.raiseTo);
    reasons.push({ rule: rule.id, detail });
  }
  return { level, reasons };
}
