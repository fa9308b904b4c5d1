import { divisionLevel, type DivisionLevel, type MatterApproval } from "@civicgrid/contracts";
import type { Actor, CaseState, Step } from "./case-state";

/**
 * Who approves an off-list matter. The county agency keeps the admission and forbidden lists (Jiangmen 第九条),
 * so approving work outside them is the county's decision, or a level above it. A county could name a lower level
 * in its settings; cases has no store of county settings and the registry's matterAdmission answer names no
 * approver level, so the rule is fixed here: an agency at county level or above. The platform administrator is
 * not an agency and does not approve either.
 */
const APPROVER_LEVELS: readonly DivisionLevel[] = ["province", "city", "county"];

/** True while the case's matter is off the county's list and nobody has approved it yet. */
export function offListPending(state: Pick<CaseState, "matterStatus" | "matterApproved">): boolean {
  return state.matterStatus === "unlisted" && !state.matterApproved;
}

/** Why this approver may not approve, or null when they may (an agency's unit is its division code). */
export function approverRefusal(actor: Actor): string | null {
  if (actor.role === "agency" && APPROVER_LEVELS.includes(divisionLevel(actor.unit))) return null;
  return (
    "an off-list matter is approved by the county agency or above, " + "which keeps the matter lists (Jiangmen 第九条)"
  );
}

/** The approval as the case records it: approver, their unit and level, the opinion, the time. */
export function approvalOf(actor: Actor, opinion: string, now: Date): MatterApproval {
  const { sub, role, unit } = actor;
  return { sub, role, unit, level: divisionLevel(unit), opinion, at: now.toISOString() };
}

/** A held work order goes to the grid's workers once its matter is approved: the event their notices follow. */
export function releasedWorkOrder(approved: CaseState): Step | null {
  if (!approved.workOrder) return null;
  const details = { action: approved.workOrder.action, afterApproval: true };
  return { type: "case.work_order_created", state: approved, details };
}
