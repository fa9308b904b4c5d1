import { divisionAncestors, type CaseEventType } from "@civicgrid/contracts";
import type { Actor, CaseCommand, CaseState } from "./case-state";
import { extendClock, startClock } from "./deadlines";
import { approvalOf } from "./matter-approval";

export type Applied = { type: CaseEventType; state: CaseState; details: Record<string, unknown> } | { refused: string };

/** The effect of a permitted command on the state (status, clock, fields) and its event. Pure. */
export function applyCommand(state: CaseState, command: CaseCommand, now: Date, actor: Actor): Applied {
  const at = now.toISOString();
  const enter = (status: CaseState["status"], patch: Partial<CaseState> = {}): CaseState => ({ ...state, ...patch, status, ...startClock(state, status, now) });
  switch (command.name) {
    case "verify":
      return { type: "case.verified", state: enter("verified"), details: { note: command.body.note ?? null } };
    case "resolve-on-site":
      return { type: "case.resolved_on_site", state: enter("closed", { outcome: command.body.outcome, evidence: command.body.evidence, closedAt: at }), details: { outcome: command.body.outcome } };
    case "accept":
      return { type: "case.accepted", state: enter("accepted"), details: { note: command.body.note ?? null } };
    case "dispatch": {
      const lead = command.body.leadDepartmentId;
      const assisting = [...new Set(command.body.assistingDepartmentIds)].filter((d) => d !== lead);
      return { type: "case.dispatched", state: enter("dispatched", { leadDepartmentId: lead, assistingDepartmentIds: assisting, extension: null }), details: { leadDepartmentId: lead, assistingDepartmentIds: assisting } };
    }
    case "sign":
      return { type: "case.signed", state: enter("signed"), details: {} };
    case "handle":
      return { type: "case.handled", state: enter("handled", { outcome: command.body.outcome, evidence: command.body.evidence }), details: { outcome: command.body.outcome } };
    case "check":
      return command.body.passed
        ? { type: "case.check_passed", state: enter("closed", { closedAt: at }), details: { opinion: command.body.opinion } }
        : { type: "case.check_failed", state: enter("signed", { reworks: state.reworks + 1 }), details: { opinion: command.body.opinion } };
    case "rate": {
      const { rating, reopen, comment } = command.body;
      if (reopen && rating !== "unsatisfied") return { refused: "only an unsatisfied rating may reopen the case" };
      if (reopen) {
        const details = { rating, comment: comment ?? null, departmentId: state.leadDepartmentId };
        return { type: "case.reopened", state: enter("accepted", { rating, closedAt: null, leadDepartmentId: null, assistingDepartmentIds: [] }), details };
      }
      return { type: "case.rated", state: enter("rated", { rating }), details: { rating, comment: comment ?? null } };
    }
    case "archive":
      return { type: "case.archived", state: enter("archived"), details: {} };
    case "return":
      return {
        type: "case.returned",
        state: enter("accepted", { returns: state.returns + 1, leadDepartmentId: null, assistingDepartmentIds: [], extension: null }),
        details: { reason: command.body.reason, departmentId: state.leadDepartmentId },
      };
    case "escalate": {
      const to = divisionAncestors(state.holderDivisionCode)[0]!;
      return { type: "case.escalated", state: { ...state, holderDivisionCode: to, escalations: state.escalations + 1 }, details: { from: state.holderDivisionCode, to, reason: command.body.reason } };
    }
    case "request-extension": {
      const { amount, unit, reason } = command.body;
      return { type: "case.extension_requested", state: { ...state, extension: { amount, unit, reason, status: "pending" } }, details: { amount, unit, reason } };
    }
    case "review-extension": {
      const extension = state.extension!;
      if (!command.body.approved) {
        return { type: "case.extension_refused", state: { ...state, extension: { ...extension, status: "refused" } }, details: { opinion: command.body.opinion } };
      }
      const clock = extendClock(state, extension, now);
      return { type: "case.extension_approved", state: { ...state, ...clock, extension: { ...extension, status: "approved" } }, details: { opinion: command.body.opinion, previousDueAt: state.dueAt, dueAt: clock.dueAt } };
    }
    case "merge":
      if (command.body.intoCaseId === state.id) return { refused: "a case cannot be merged into itself" };
      return { type: "case.merged", state: enter("merged", { mergedInto: command.body.intoCaseId, closeReason: command.body.reason ?? "duplicate", closedAt: at }), details: { intoCaseId: command.body.intoCaseId } };
    case "invalidate":
      return { type: "case.invalidated", state: enter("invalid", { closeReason: command.body.reason, closedAt: at }), details: { reason: command.body.reason } };
    case "approve-matter": {
      const approval = approvalOf(actor, command.body.opinion, now);
      return { type: "case.matter_approved", state: { ...state, matterApproved: true, matterApproval: approval }, details: { opinion: approval.opinion, approval } };
    }
  }
}
