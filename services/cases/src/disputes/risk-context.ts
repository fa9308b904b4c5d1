import { defaultRiskRules, type CountyRiskRules, type RiskFacts } from "@civicgrid/contracts";
import type { CaseState } from "../domain";
import type { PartyRecord } from "../domain/dispute/record";
import type { Env } from "../env";

/** What a dispute command needs besides the case: the county's rules and the facts they read. */
export interface RiskContext {
  rules: CountyRiskRules;
  facts: RiskFacts;
}

/**
 * Gathers, before the command runs in the case's object, the county's risk rules and the facts they read that the
 * case does not hold: the open tag kinds of the base-data people among the parties (BASEDATA.resolveParties), and
 * for each repeat rule the most other disputes of the county any one party appears in within its window.
 * ISSUE 15 IN PROGRESS (helper "risk"): the county's own rules (D1) and the repeat counts (the disputes' projection)
 * replace the defaults and the empty counts below.
 */
export async function loadRiskContext(env: Env, state: CaseState, parties: PartyRecord[]): Promise<RiskContext> {
  const refs = parties.filter((p) => p.kind === "person" && p.ref !== null).map((p) => ({ personId: p.ref! }));
  const resolved = refs.length > 0 ? await env.BASEDATA.resolveParties(refs) : [];
  const partyTagKinds = [...new Set(resolved.flatMap((r) => r?.tagKinds ?? []))];
  return { rules: defaultRiskRules(state.countyCode), facts: { repeats: {}, partyTagKinds } };
}
