import { divisionAncestors, divisionLevel } from "@civicgrid/contracts";
import type { CommandBody } from "@civicgrid/contracts";
import type { Amendment } from "./amend";
import type { Actor, CaseState } from "./case-state";
import { beforeDeadline, secondExtensionRefusal } from "./clock-approvals";
import { extendClock, pauseOpen, resumeClock, startClock } from "./deadlines";
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
): CaseState => ({ ...state, ...patch, status, ...startClock(state, status, now), ...pauseEnded(state) });

/** A pause (asked or running) belongs to its step: the step ending ends it too, so the case never shows it open. */
const pauseEnded = (state: CaseState): Partial<CaseState> =>
  pauseOpen(state) ? { pause: { ...state.pause!, status: "ended" } } : {};

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

/** Asked before the step's deadline only (an extension approves more time, it does not excuse lateness). */
export function requestExtension(s: CaseState, b: CommandBody<"request-extension">, { now }: At): Effect {
  const late = beforeDeadline(s, now, "an extension");
  if (late) return { refused: late };
  const { amount, unit, reason } = b;
  const state: CaseState = { ...s, extension: { amount, unit, reason, status: "pending" } };
  return { type: "case.extension_requested", state, details: { amount, unit, reason } };
}

/**
 * An approved extension moves the deadline by its amount; a refused one leaves it. Reviewed before the deadline,
 * and a case's second extension by an agency above the level that approved the first.
 */
export function reviewExtension(s: CaseState, b: CommandBody<"review-extension">, { now, actor }: At): Effect {
  const extension = s.extension!;
  const refusal = beforeDeadline(s, now, "an extension") ?? secondExtensionRefusal(s, actor);
  if (refusal) return { refused: refusal };
  if (!b.approved) {
    const state: CaseState = { ...s, extension: { ...extension, status: "refused" } };
    return { type: "case.extension_refused", state, details: { opinion: b.opinion } };
  }
  const clock = extendClock(s, extension, now);
  const approval = { sub: actor.sub, unit: actor.unit, level: divisionLevel(actor.unit), at: now.toISOString() };
  const extensionApprovals = [...(s.extensionApprovals ?? []), approval];
  const state: CaseState = { ...s, ...clock, extension: { ...extension, status: "approved" }, extensionApprovals };
  return {
    type: "case.extension_approved",
    state,
    details: { opinion: b.opinion, previousDueAt: s.dueAt, dueAt: clock.dueAt, level: approval.level },
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

/** A pause (挂账) asked before the step's deadline, with the expected resume; the clock runs until approved. */
export function requestPause(s: CaseState, b: CommandBody<"request-pause">, { now }: At): Effect {
  const refusal = beforeDeadline(s, now, "a pause") ?? (Date.parse(b.until) <= now.getTime() ? FUTURE : null);
  if (refusal) return { refused: refusal };
  const at = now.toISOString();
  const pause = { status: "pending" as const, reason: b.reason, until: b.until, stepStartedAt: s.stepStartedAt };
  const state: CaseState = { ...s, pause: { ...pause, requestedAt: at, since: null } };
  return { type: "case.pause_requested", state, details: { step: s.step, reason: b.reason, until: b.until } };
}

const FUTURE = "the expected resume (until) must lie in the future";

/** Approved before the deadline: the clock stops now (`since`) until resumed; refused: it runs on. */
export function reviewPause(s: CaseState, b: CommandBody<"review-pause">, { now, actor }: At): Effect {
  const pause = s.pause!;
  const level = divisionLevel(actor.unit);
  if (!b.approved) {
    const state: CaseState = { ...s, pause: { ...pause, status: "refused" } };
    return { type: "case.pause_refused", state, details: { opinion: b.opinion, level } };
  }
  const refusal = beforeDeadline(s, now, "a pause") ?? (Date.parse(pause.until) <= now.getTime() ? FUTURE : null);
  if (refusal) return { refused: refusal };
  const since = now.toISOString();
  const state: CaseState = { ...s, pause: { ...pause, status: "approved", since } };
  const details = { opinion: b.opinion, level, step: s.step, since, until: pause.until, dueAt: s.dueAt };
  return { type: "case.pause_approved", state, details };
}

/**
 * The clock restarts (by a person, or by the cron at the pause's `until`): the deadline moves by the paused time.
 * The event carries the paused interval, so assessments exclude it from lateness.
 */
export function resume(s: CaseState, b: CommandBody<"resume">, { now }: At): Effect {
  const { clock, pausedMs } = resumeClock(s, now);
  const pause = { ...s.pause!, status: "ended" as const };
  const state: CaseState = { ...s, ...clock, pause };
  const details = {
    note: b.note ?? null,
    step: s.step,
    since: pause.since,
    resumedAt: now.toISOString(),
    pausedMs,
    previousDueAt: s.dueAt,
    dueAt: clock.dueAt,
  };
  return { type: "case.resumed", state, details };
}

/**
 * +1 (issue 16): the caller adds themselves to the case's reporters instead of filing a duplicate; once, and never
 * the first reporter. A reporter without a login comes with the hash of the follow token handed back to them.
 */
export function join(s: CaseState, b: CommandBody<"join"> & { tokenHash?: string }, { now, actor }: At): Effect {
  const sub = b.tokenHash ? null : actor.sub;
  if (sub !== null && sub === s.reporterSub) return { refused: "you reported this case yourself" };
  if (sub !== null && (s.coReporters ?? []).some((r) => r.sub === sub))
    return { refused: "you have already joined this case" };
  const joiner = { sub, via: "join" as const, fromCaseId: null, joinedAt: now.toISOString() };
  const state: CaseState = {
    ...s,
    coReporters: [...(s.coReporters ?? []), joiner],
    ...(b.tokenHash ? { coReporterTokenHashes: [...(s.coReporterTokenHashes ?? []), b.tokenHash] } : {}),
  };
  return { type: "case.reporter_joined", state, details: { via: "join", login: sub !== null, note: b.note ?? null } };
}
