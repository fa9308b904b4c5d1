import type { Claim } from "@civicgrid/contracts";
import type { CaseState } from "../case-state";
import { disputeOf, strayParty, withDispute, type DisputeAt, type DisputeBody, type DisputeEffect } from "./context";
import { assessRisk, higher } from "./risk";
import { disputeView, type DisputeRecord, type PartyRecord } from "./record";

/**
 * The effects of recording a dispute and its history (Jiangmen 第十一条(四): the grid worker finds the dispute and
 * records it; Gansu 二(一)1(1): regular 排查 with a record of each contact): details, contacts, threats, the
 * handler's grade. Pure; the risk step runs after each (see risk-step.ts).
 */

/** The sum of the money claimed, in yuan, or null when no claim names an amount. */
const amountOf = (claims: Claim[]): number | null =>
  claims.some((c) => c.amount !== undefined) ? claims.reduce((sum, c) => sum + (c.amount ?? 0), 0) : null;

/** A dispute with nothing but its details: recorded, general risk until the rules say otherwise. */
function fresh(now: Date): Omit<DisputeRecord, "relation" | "summary" | "parties" | "claims" | "amount"> {
  return {
    stage: "recorded",
    contacts: [],
    threats: [],
    risk: { level: "general", source: "rule", reasons: [], countyWarnedAt: null, policeWarnedAt: null },
    mediation: null,
    agreement: null,
    brokenAgreements: [],
    followUps: [],
    diversion: null,
    recordedAt: now.toISOString(),
  };
}

/** The first `record` makes the case a dispute; a later one replaces the details (the log keeps each version). */
export function record(s: CaseState, b: DisputeBody<"record">, { now, context }: DisputeAt): DisputeEffect {
  const parties: PartyRecord[] | undefined = context.parties;
  if (!parties || parties.length < 2) return { refused: "body.parties: a dispute has at least two parties" };
  const stray = strayParty(
    b.claims.map((c) => c.by),
    parties.length,
    (i) => `body.claims[${i}].by`,
  );
  if (stray) return { refused: stray };
  const amount = amountOf(b.claims);
  const details = { relation: b.relation, summary: b.summary, parties, claims: b.claims, amount };
  const dispute: DisputeRecord = { ...(s.dispute ?? fresh(now)), ...details };
  // The log keeps the masked parties only: never the sealed identity or the repeat key.
  const logged = { ...details, parties: disputeView(dispute).parties, first: !s.dispute };
  return { type: "dispute.recorded", state: { ...s, dispute }, details: logged };
}

export function addContact(s: CaseState, b: DisputeBody<"add-contact">): DisputeEffect {
  const dispute = disputeOf(s);
  const stray = strayParty(b.parties, dispute.parties.length, (i) => `body.parties[${i}]`);
  if (stray) return { refused: stray };
  return {
    type: "dispute.contact_added",
    state: withDispute(s, { contacts: [...dispute.contacts, b] }),
    details: { contact: b },
  };
}

/** A threat, violence against a person in particular, is what the county's rules and the police notice read. */
export function recordThreat(s: CaseState, b: DisputeBody<"record-threat">): DisputeEffect {
  const dispute = disputeOf(s);
  const stray = strayParty([b.by], dispute.parties.length, () => "body.by");
  if (stray) return { refused: stray };
  return {
    type: "dispute.threat_recorded",
    state: withDispute(s, { threats: [...dispute.threats, b] }),
    details: { threat: b },
  };
}

/**
 * The handler sets the level (Gansu 二(一)1(2)). Going under what the rules find is theirs to decide, with the reason
 * kept among the reasons as rule "handler"; the rules that held stay listed, so only a rule that newly holds raises
 * the level again (risk-step.ts).
 */
export function grade(s: CaseState, b: DisputeBody<"grade">, { context }: DisputeAt): DisputeEffect {
  const dispute = disputeOf(s);
  const rules = assessRisk(dispute, context.rules, context.facts);
  const belowRules = higher(b.level, rules.level) !== b.level;
  const reasons = [{ rule: "handler", detail: b.reason }, ...dispute.risk.reasons.filter((r) => r.rule !== "handler")];
  const risk = { ...dispute.risk, level: b.level, source: "handler" as const, reasons };
  return {
    type: "dispute.graded",
    state: withDispute(s, { risk }),
    details: { from: dispute.risk.level, to: b.level, reason: b.reason, rulesLevel: rules.level, belowRules },
  };
}
