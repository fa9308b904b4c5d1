import type { CountyRiskRules, ResolvedParty, RiskFacts, RiskRule } from "@civicgrid/contracts";
import type { CaseState } from "../domain";
import type { PartyRecord } from "../domain/dispute/record";
import type { Env } from "../env";
import { database } from "../store/db";
import { repeatCounts } from "../store/dispute-repeats";
import { riskRulesOf } from "../store/dispute-rules";
import { readModelOf } from "../store/shards";

/** What a dispute command needs besides the case: the county's rules and the facts they read. */
export interface RiskContext {
  rules: CountyRiskRules;
  facts: RiskFacts;
}

const isRepeat = (r: RiskRule): r is Extract<RiskRule, { when: "repeat_parties" }> => r.when === "repeat_parties";

/**
 * Gathers, before the command runs in the case's object, the county's risk rules (D1, defaults when unset) and the
 * facts they read that the case does not hold: the open tag kinds of the base-data people among the parties
 * (BASEDATA.resolveParties), and for each repeat rule the most other disputes of the county any one party appears
 * in within its window (the disputes' projection, one query). `resolved`: the parties as base data has just answered
 * for them (a `record` resolves its parties first), so base data is not asked the same again.
 */
export async function loadRiskContext(
  env: Env,
  state: CaseState,
  parties: PartyRecord[],
  now = new Date(),
  resolved?: readonly (ResolvedParty | null)[],
): Promise<RiskContext> {
  const refs = parties.filter((p) => p.kind === "person" && p.ref !== null).map((p) => ({ personId: p.ref! }));
  const keys = [...new Set(parties.map((p) => p.key).filter((k): k is string => k !== null))];
  const [rules, answered] = await Promise.all([
    riskRulesOf(database(env.DB), state.countyCode),
    resolved ?? (refs.length > 0 ? env.BASEDATA.resolveParties(refs) : Promise.resolve([])),
  ]);
  // The county's rules are city-wide configuration (DB); its disputes' parties are in the county's shard.
  const shard = database(readModelOf(env, state.countyCode));
  const repeats = await repeatCounts(shard, state.countyCode, state.id, keys, rules.rules.filter(isRepeat), now);
  const partyTagKinds = [...new Set(answered.flatMap((r) => r?.tagKinds ?? []))];
  return { rules, facts: { repeats, partyTagKinds } };
}
