import { divisionAncestors } from "@civicgrid/contracts";
import type { CommandBody } from "@civicgrid/contracts";
import type { Amendment } from "./amend";
import type { Actor, CaseState } from "./case-state";
import { extendClock, startClock } from "./deadlines";
import type { Effect } from "./lifecycle";
import { approvalOf } from "./matter-approval";

/** The effects of the lifecycle table: what each command changes (status, clock, fields) and its event. Pure. */

type At = { now: Date; actor: Actor };

/** The state entering `status`, with the clock of the step it starts. */
const enter = (
  state: CaseState,
  status: CaseState["status"],
  now: Date,
  patch: Partial<CaseState> = {},
): CaseState => ({ ...state, ...patch, status, ...startClock(state, status, now) });

export const verify = (s: CaseState, b: CommandBody<"verify">, { now }: At): Effect => ({
  type: "case.verified",
  state: enter(s, "verified", now),
  details: { note: b.note ?? null },
});

export const resolveOnSite = (s: CaseState, b: CommandBody<"resolve-on-site">, { now }: At): Effect => ({
  type: "case.resolved_on_site",
  state: enter(s, "closed", now, { outcome: b.outcome, evidence: b.evidence, closedAt: now.toISOString() }),
  details: { outcome: b.outcome },
});

export const accept = (s: CaseState, b: CommandBody<"accept">, { now }: At): Effect => ({
  type: "case.accepted",
  state: enter(s, "accepted", now),
  details: { note: b.note ?? null },
});

export function dispatch(s: CaseState, b: CommandBody<"dispatch">, { now }: At): Effect {
  const lead = b.leadDepartmentId;
  const assisting = [...new Set(b.assistingDepartmentIds)].filter((d) => d !== lead);
  const state = enter(s, "dispatched", now, {
    leadDepartmentId: lead,
    assistingDepartmentIds: assisting,
    extension: null,
  });
  return { type: "case.dispatched", state, details: { leadDepartmentId: lead, assistingDepartmentIds: assisting } };
}

export const sign = (s: CaseState, _b: CommandBody<"sign">, { now }: At): Effect => ({
  type: "case.signed",
  state: enter(s, "signed", now),
  details: {},
});

export const handle = (s: CaseState, b: CommandBody<"handle">, { now }: At): Effect => ({
  type: "case.handled",
  state: enter(s, "handled", now, { outcome: b.outcome, evidence: b.evidence }),
  details: { outcome: b.outcome },
});

/** A passed check closes the case; a failed one sends it back to the department for rework, counted. */
export const check = (s: CaseState, b: CommandBody<"check">, { now }: At): Effect =>
  b.passed
    ? {
        type: "case.check_passed",
        state: enter(s, "closed", now, { closedAt: now.toISOString() }),
        details: { opinion: b.opinion },
      }
    : {
        type: "case.check_failed",
        state: enter(s, "signed", now, { reworks: s.reworks + 1 }),
        details: { opinion: b.opinion },
      };

/** A rating: the satisfaction rule (rework once, then escalate) lives with the follow-up. */
export { rate } from "./follow-up";

export const archive = (s: CaseState, _b: CommandBody<"archive">, { now }: At): Effect => ({
  type: "case.archived",
  state: enter(s, "archived", now),
  details: {},
});

/** A return names its ground and evidence and waits for the agency's ruling (see returns.ts). */
export { returnCase } from "./returns";

/** One level up; the clock keeps running. */
export function escalate(s: CaseState, b: CommandBody<"escalate">): Effect {
  const to = divisionAncestors(s.holderDivisionCode)[0]!;
  const state = { ...s, holderDivisionCode: to, escalations: s.escalations + 1 };
  return { type: "case.escalated", state, details: { from: s.holderDivisionCode, to, reason: b.reason } };
}

export function requestExtension(s: CaseState, b: CommandBody<"request-extension">): Effect {
  const { amount, unit, reason } = b;
  const state: CaseState = { ...s, extension: { amount, unit, reason, status: "pending" } };
  return { type: "case.extension_requested", state, details: { amount, unit, reason } };
}

/** An approved extension moves the deadline by its amount; a refused one leaves it. */
export function reviewExtension(s: CaseState, b: CommandBody<"review-extension">, { now }: At): Effect {
  const extension = s.extension!;
  if (!b.approved) {
    const state: CaseState = { ...s, extension: { ...extension, status: "refused" } };
    return { type: "case.extension_refused", state, details: { opinion: b.opinion } };
  }
  const clock = extendClock(s, extension, now);
  const state: CaseState = { ...s, ...clock, extension: { ...extension, status: "approved" } };
  return {
    type: "case.extension_approved",
    state,
    details: { opinion: b.opinion, previousDueAt: s.dueAt, dueAt: clock.dueAt },
  };
}

export function merge(s: CaseState, b: CommandBody<"merge">, { now }: At): Effect {
  if (b.intoCaseId === s.id) return { refused: "a case cannot be merged into itself" };
  const patch = { mergedInto: b.intoCaseId, closeReason: b.reason ?? "duplicate", closedAt: now.toISOString() };
  return { type: "case.merged", state: enter(s, "merged", now, patch), details: { intoCaseId: b.intoCaseId } };
}

export const invalidate = (s: CaseState, b: CommandBody<"invalidate">, { now }: At): Effect => ({
  type: "case.invalidated",
  state: enter(s, "invalid", now, { closeReason: b.reason, closedAt: now.toISOString() }),
  details: { reason: b.reason },
});

export function approveMatter(s: CaseState, b: CommandBody<"approve-matter">, { now, actor }: At): Effect {
  const approval = approvalOf(actor, b.opinion, now);
  const state = { ...s, matterApproved: true, matterApproval: approval };
  return { type: "case.matter_approved", state, details: { opinion: approval.opinion, approval } };
}

/** The platform withdrew its order: closed as invalid, the clock stops. */
export function cancel(s: CaseState, b: { reason: string }, { now, actor }: At): Effect {
  const state: CaseState = {
    ...s,
    status: "invalid",
    closeReason: b.reason,
    closedAt: now.toISOString(),
    step: null,
    dueAt: null,
    warnAt: null,
  };
  return { type: "case.invalidated", state, details: { reason: b.reason, cancelledBy: actor.sub } };
}

/**
 * The platform's amendment (`case.amended`): the status and clock stay (an amendment starts no step and moves no
 * deadline); the log keeps the note, and the previous description when it changes, so the archive shows both.
 */
export function amend(s: CaseState, b: Amendment): Effect {
  const changes = b.description !== undefined && b.description !== s.description;
  const state: CaseState = changes ? { ...s, description: b.description! } : s;
  const details = {
    note: b.note,
    descriptionChanged: changes,
    ...(changes ? { previousDescription: s.description } : {}),
  };
  return { type: "case.amended", state, details };
}
