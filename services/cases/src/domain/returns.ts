import type { CommandBody } from "@civicgrid/contracts";
import type { Actor, CaseState } from "./case-state";
import { startClock } from "./deadlines";
import type { Effect } from "./lifecycle";

/**
 * Disputed returns (退单): a department returns a case naming its ground (not our territory, function or property)
 * with evidence; the agency rules on it. Upheld: the agency dispatches again, to another department. Rejected
 * (强派): the case goes back to the same department, its sign clock running, and that department may not return it
 * again. Dispatching waits for the ruling.
 */

type At = { now: Date; actor: Actor };

/** Back to the agency with a pending claim; the event names the returning department, its ground and evidence. */
export function returnCase(s: CaseState, b: CommandBody<"return">, { now }: At): Effect {
  const departmentId = s.leadDepartmentId!;
  const returnClaim = {
    departmentId,
    ground: b.ground,
    reason: b.reason,
    evidence: b.evidence,
    at: now.toISOString(),
    status: "pending" as const,
    opinion: null,
    ruledAt: null,
    matterChangeRequestId: null,
  };
  const state: CaseState = {
    ...s,
    status: "accepted",
    ...startClock(s, "accepted", now),
    returns: s.returns + 1,
    leadDepartmentId: null,
    assistingDepartmentIds: [],
    extension: null,
    returnClaim,
  };
  const details = { reason: b.reason, ground: b.ground, evidence: b.evidence, departmentId };
  return { type: "case.returned", state, details };
}

/** The agency's ruling on the pending return, recorded in the log with the claim it answers. */
export function ruleReturn(s: CaseState, b: CommandBody<"rule-return">, { now, actor }: At): Effect {
  const claim = s.returnClaim!;
  const ruled = {
    ...claim,
    opinion: b.opinion,
    ruledAt: now.toISOString(),
    ...(b.matterChange
      ? {
          matterChange: b.matterChange,
          matterChangeRequestId: rulingRequestId(s.id, s.version),
          ruledBy: { sub: actor.sub, unit: actor.unit },
        }
      : {}),
  };
  const details = {
    upheld: b.upheld,
    opinion: b.opinion,
    departmentId: claim.departmentId,
    ground: claim.ground,
    matterChange: b.matterChange ?? null,
    matterChangeRequestId: ruled.matterChangeRequestId,
  };
  if (b.upheld) {
    const state: CaseState = { ...s, returnClaim: { ...ruled, status: "upheld" } };
    return { type: "case.return_upheld", state, details };
  }
  const state: CaseState = {
    ...s,
    status: "dispatched",
    ...startClock(s, "dispatched", now),
    leadDepartmentId: claim.departmentId,
    assistingDepartmentIds: [],
    returnClaim: { ...ruled, status: "rejected" },
  };
  return { type: "case.return_rejected", state, details };
}

export function returnRulingPending(state: CaseState): string | null {
  return state.returnClaim?.status === "pending" ? null : "no return is waiting for a ruling";
}

export function noReturnRulingPending(state: CaseState): string | null {
  return state.returnClaim?.status === "pending"
    ? "the department's return waits for the agency's ruling (rule-return) before the case is dispatched again"
    : null;
}

/** A department whose return was rejected (强派) handles the case: it may not return it again. */
export function notReturnedAfterRejection(state: CaseState): string | null {
  const claim = state.returnClaim;
  if (claim?.status !== "rejected" || claim.departmentId !== state.leadDepartmentId) return null;
  return "the agency rejected this department's return (强派): the department handles the case and may not return it again";
}

/** After an upheld return the agency dispatches elsewhere: the department it upheld is not the lead again. */
export function dispatchAfterRuling(state: CaseState, body: CommandBody<"dispatch">): string | null {
  const claim = state.returnClaim;
  if (claim?.status !== "upheld" || claim.departmentId !== body.leadDepartmentId) return null;
  return `the agency upheld the return of ${claim.departmentId}: dispatch the case to another department`;
}

/**
 * The id of the change request a ruling asks for, derived from the case and its version at the ruling, so the
 * case's delivery files it once however often it retries (the registry keeps the first of an id). FNV-1a in four
 * differently seeded lanes: an id, not a secret.
 */
export function rulingRequestId(caseId: string, version: number): string {
  const text = `${caseId}:ruling:${version}`;
  const lane = (seed: number) => {
    let h = seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, "0");
  };
  const hex = [0x811c9dc5, 0x050c5d1f, 0x2545f491, 0x9e3779b9].map(lane).join("");
  return `mcr-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
