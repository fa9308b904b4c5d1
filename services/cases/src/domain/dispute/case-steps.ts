import { SETTLED_STAGES, type DisputeStage } from "@civicgrid/contracts";
import type { CaseState, Step } from "../case-state";
import { startClock } from "../deadlines";
import { disputeOf } from "./context";

/**
 * What a dispute's change does to its case: a dispute settled while the agency holds the case accepted is handled
 * by that settlement (the mediation is its handling), so the agency's check closes it; a broken agreement reopens a
 * case that was handled or closed on it (人民调解法 第三十一条, the follow-up). Pure.
 */

const settled = (stage: DisputeStage | undefined) => stage !== undefined && SETTLED_STAGES.includes(stage);

/** The outcome the case records for a settled dispute: the channel's decision, the agreement, or the session. */
function outcomeOf(s: CaseState): string {
  const d = disputeOf(s);
  const session = d.mediation?.sessions.at(-1);
  const text =
    d.stage === "concluded" && d.diversion?.outcome
      ? `${d.diversion.channel}: ${d.diversion.outcome.result}. ${d.diversion.outcome.text}`
      : d.agreement
        ? `调解协议 ${d.agreement.signedOn}: ${d.agreement.terms.join("; ")}`
        : `调解成功: ${session?.summary ?? d.summary}`;
  return text.slice(0, 2000);
}

/** `case.handled` when this command settled the dispute of an accepted case; null otherwise. */
export function handledIfSettled(before: CaseState, after: CaseState, now: Date): Step | null {
  if (after.status !== "accepted" || settled(before.dispute?.stage) || !settled(after.dispute?.stage)) return null;
  const outcome = outcomeOf(after);
  const state: CaseState = { ...after, status: "handled", outcome, ...startClock(after, "handled", now) };
  return { type: "case.handled", state, details: { outcome, by: "mediation", stage: disputeOf(after).stage } };
}

const REOPENS: readonly CaseState["status"][] = ["handled", "closed", "rated"];

/**
 * `dispute.reopened` when a follow-up found the agreement broken on a case handled or closed on it: back to the
 * agency (accepted), the department's dispatch ended as a rating's reopening ends it.
 */
export function reopenedIfBroken(after: CaseState, now: Date): Step | null {
  if (disputeOf(after).stage !== "mediating" || !REOPENS.includes(after.status)) return null;
  const state: CaseState = {
    ...after,
    status: "accepted",
    closedAt: null,
    leadDepartmentId: null,
    assistingDepartmentIds: [],
    ...startClock(after, "accepted", now),
  };
  return { type: "dispute.reopened", state, details: { from: after.status, departmentId: after.leadDepartmentId } };
}

/** After a follow-up: a broken agreement reopens the case; a kept one may settle an accepted case. */
export function afterFollowUp(before: CaseState, after: CaseState, now: Date): Step | null {
  return reopenedIfBroken(after, now) ?? handledIfSettled(before, after, now);
}
