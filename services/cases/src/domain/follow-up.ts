import { deadline } from "@civicgrid/calendar";
import {
  divisionAncestors,
  divisionLevel,
  type CaseRating,
  type CommandBody,
  type StepLimit,
} from "@civicgrid/contracts";
import type { Actor, CaseState, Step } from "./case-state";
import { nextDueAt, startClock } from "./deadlines";
import { versioned } from "./decide";
import type { Effect } from "./lifecycle";

/**
 * Follow-up (回访) and satisfaction. After closure the reporter rates, or a follow-up worker of the agency calls,
 * texts or visits and records the channel. The first "unsatisfied" reopens the case for rework (the same lead
 * department, signed again; or the agency when it was resolved on site); the second escalates it one level up,
 * back to accepted there. A follow-up is due within FOLLOW_UP_WITHIN of closure; when it passes with no follow-up
 * or rating, `case.follow_up_due` fires once.
 */

export const FOLLOW_UP_WITHIN: StepLimit = { amount: 3, unit: "working_days" };

type At = { now: Date; actor: Actor };

/** A rating's outcome: rated when satisfied enough; unsatisfied reworks once, then escalates. */
export function rated(s: CaseState, rating: CaseRating, comment: string | null, now: Date): Effect {
  const base = { ...s, rating, closedAt: null };
  if (rating !== "unsatisfied")
    return {
      type: "case.rated",
      state: { ...s, rating, status: "rated", ...startClock(s, "rated", now) },
      details: { rating, comment },
    };
  const unsatisfied = (s.unsatisfied ?? 0) + 1;
  if (unsatisfied === 1) {
    const departmentId = s.leadDepartmentId;
    const status = departmentId ? "signed" : "accepted";
    const state: CaseState = {
      ...base,
      unsatisfied,
      status,
      ...startClock(s, status, now),
      reworks: departmentId ? s.reworks + 1 : s.reworks,
    };
    return { type: "case.reopened", state, details: { rating, comment, departmentId, rework: departmentId !== null } };
  }
  const from = s.holderDivisionCode;
  const to = divisionLevel(from) === "city" ? from : (divisionAncestors(from)[0] ?? from);
  const state: CaseState = {
    ...base,
    unsatisfied,
    status: "accepted",
    ...startClock(s, "accepted", now),
    holderDivisionCode: to,
    escalations: s.escalations + 1,
    leadDepartmentId: null,
    assistingDepartmentIds: [],
    extension: null,
  };
  const reason = "the reporter is unsatisfied again after the rework";
  return {
    type: "case.escalated",
    state,
    details: { from, to, reason, rating, comment, departmentId: s.leadDepartmentId },
  };
}

/**
 * The rate command: the `reopen` flag is kept for its callers; an unsatisfied rating follows the rule either way.
 * Every reporter rates the outcome (issue 16: the first reporter and each co-reporter, with their login or follow
 * token): once the case is rated, a reporter who has not rated yet still may; nobody rates twice in one round (a
 * reopening starts a new round).
 */
export function rate(s: CaseState, b: CommandBody<"rate">, { now, actor }: At): Effect {
  if (b.reopen && b.rating !== "unsatisfied") return { refused: "only an unsatisfied rating may reopen the case" };
  const raters = s.raters ?? [];
  if (raters.includes(actor.sub)) return { refused: "you have already rated this outcome" };
  if (s.status === "rated" && !isReporter(s, actor))
    return { refused: "the case is rated: only its reporters who have not rated yet may rate it" };
  const outcome = rated(s, b.rating, b.comment ?? null, now);
  if ("refused" in outcome) return outcome;
  const round = outcome.state.status === "rated" ? [...raters, actor.sub] : [];
  return { ...outcome, state: { ...outcome.state, raters: round }, details: { ...outcome.details, by: actor.sub } };
}

/** The first reporter or a co-reporter: by login, or by a follow token of the case. */
function isReporter(s: CaseState, actor: Actor): boolean {
  if (actor.sub.startsWith(`follow-token:${s.id}`)) return true;
  return actor.sub === s.reporterSub || (s.coReporters ?? []).some((r) => r.sub === actor.sub);
}

/** A follow-up recorded with its channel; a reached reporter's rating follows as its own step (see `followUpRating`). */
export function followUp(s: CaseState, b: CommandBody<"follow-up">, { now, actor }: At): Effect {
  const record = {
    channel: b.channel,
    reached: b.reached,
    rating: b.rating ?? null,
    comment: b.comment ?? null,
    by: actor.sub,
    at: now.toISOString(),
  };
  const state: CaseState = { ...s, followUps: [...(s.followUps ?? []), record] };
  return { type: "case.followed_up", state, details: { ...record } };
}

/** The rating a reached reporter gave in the follow-up, as the step after it (rated, reopened or escalated). */
export function followUpRating(after: CaseState): Step | null {
  const last = after.followUps?.at(-1);
  if (!last?.rating) return null;
  const outcome = rated(after, last.rating, last.comment, new Date(last.at));
  return "refused" in outcome ? null : outcome;
}

/** When the follow-up of a closed case falls due, or null once it was followed up, rated or announced. */
export function followUpDueAt(s: Pick<CaseState, "status" | "closedAt" | "followUps" | "followUpDueNotified">) {
  if (s.status !== "closed" || !s.closedAt || s.followUpDueNotified || (s.followUps?.length ?? 0) > 0) return null;
  return followUpDeadline(s.closedAt);
}

export const followUpDeadline = (closedAt: string): string =>
  deadline(new Date(closedAt), FOLLOW_UP_WITHIN).toISOString();

/** The next instant the case needs its alarm: the running step's clock, else a closed case's follow-up time. */
export function nextAttentionAt(state: CaseState): string | null {
  return nextDueAt(state) ?? followUpDueAt(state);
}

/** `case.follow_up_due` once the follow-up time passed with no follow-up or rating (idempotent, as the tick is). */
export function followUpTick(state: CaseState, now: Date): Step[] {
  const due = followUpDueAt(state);
  if (!due || now < new Date(due)) return [];
  const step = {
    type: "case.follow_up_due" as const,
    state: { ...state, followUpDueNotified: true },
    details: { dueAt: due, closedAt: state.closedAt },
  };
  return versioned(state, [step], now);
}
