import type { CoReporter } from "@civicgrid/contracts";
import type { CaseState, Step } from "./case-state";

/** Co-reporters (issue 16): reporters who joined a case (+1) or came with a case merged into it. */

/** True when `sub` reported the case or joined it with their login. */
export function isReporter(state: Pick<CaseState, "reporterSub" | "coReporters">, sub: string): boolean {
  return state.reporterSub === sub || (state.coReporters ?? []).some((r) => r.sub === sub);
}

/** True when the follow token with this hash is the first reporter's or a co-reporter's. */
export function holdsFollowToken(state: CaseState, tokenHash: string): boolean {
  return state.followTokenHash === tokenHash || (state.coReporterTokenHashes ?? []).includes(tokenHash);
}

/** The logins of the co-reporters (each told of the outcome as the reporter is). */
export function coReporterSubs(state: CaseState): string[] {
  return (state.coReporters ?? []).flatMap((r) => (r.sub === null ? [] : [r.sub]));
}

/** What a merged case hands to the case it was merged into: its reporters and their follow tokens' hashes. */
export interface CarriedReporters {
  fromCaseId: string;
  subs: (string | null)[];
  tokenHashes: string[];
}

export function reportersOf(merged: CaseState): CarriedReporters {
  const subs = [merged.reporterSub, ...(merged.coReporters ?? []).map((r) => r.sub)];
  const tokenHashes = [merged.followTokenHash, ...(merged.coReporterTokenHashes ?? [])].filter(
    (h): h is string => h !== null,
  );
  return { fromCaseId: merged.id, subs, tokenHashes };
}

/**
 * The merged case's reporters join the target (`via: "merge"`): logins not already among its reporters, and every
 * follow token not already held. Carrying the same case twice changes nothing (the DO also keys it by the case).
 */
export function carryReporters(s: CaseState, carried: CarriedReporters, now: Date): Step {
  const at = now.toISOString();
  const known = new Set(s.coReporterTokenHashes ?? []);
  const tokens = carried.tokenHashes.filter((h) => h !== s.followTokenHash && !known.has(h));
  const logins = [...new Set(carried.subs.filter((sub): sub is string => sub !== null && !isReporter(s, sub)))];
  const joiners: CoReporter[] = [
    ...logins.map((sub) => ({ sub, via: "merge" as const, fromCaseId: carried.fromCaseId, joinedAt: at })),
    ...tokens.map(() => ({ sub: null, via: "merge" as const, fromCaseId: carried.fromCaseId, joinedAt: at })),
  ];
  const state: CaseState = {
    ...s,
    coReporters: [...(s.coReporters ?? []), ...joiners],
    coReporterTokenHashes: [...(s.coReporterTokenHashes ?? []), ...tokens],
  };
  return {
    type: "case.reporter_joined",
    state,
    details: { via: "merge", fromCaseId: carried.fromCaseId, logins: logins.length, tokens: tokens.length },
  };
}
