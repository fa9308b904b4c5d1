import { divisionLevel, SETTLED_STAGES } from "@civicgrid/contracts";
import type { CaseState } from "./case-state";
import { isPaused, pauseOpen } from "./deadlines";
import { offListPending as pendingApproval } from "./matter-approval";
import { beforeAfterMissing } from "../media/before-after";

/**
 * The guards of the lifecycle table: each says why a command whose start status fits may still not run now,
 * or null when it may.
 */

const HELD =
  "this matter is not on the county's admission list: the county agency must approve it " +
  "before anyone works on it (Gansu 二(二)1)";

/** Work on an off-list matter waits for its approval (Gansu 二(二)1, Wuxi 第五十六条). */
export function matterApproved(state: CaseState): string | null {
  return pendingApproval(state) ? HELD : null;
}

/**
 * Verifying a report stays open while its matter waits (the approver decides on verified facts); verifying a
 * work order is the workers' assigned check itself, so it waits.
 */
export function workOrderMatterApproved(state: CaseState): string | null {
  return state.workOrder ? matterApproved(state) : null;
}

export function offListPending(state: CaseState): string | null {
  return pendingApproval(state) ? null : "the matter needs no approval";
}

export function belowCity(state: CaseState): string | null {
  return divisionLevel(state.holderDivisionCode) === "city" ? "the city agency is the highest level" : null;
}

export function noExtensionPending(state: CaseState): string | null {
  return state.extension?.status === "pending" ? "an extension request is already pending" : null;
}

export function extensionPending(state: CaseState): string | null {
  return state.extension?.status === "pending" ? null : "no extension request is pending";
}

/**
 * How often one case may be returned. Jiangmen 第二十四条: a department that finds a matter outside its duty
 * reports it to the agency of its level with its reasons, and the agency studies it and dispatches again; a
 * dispute over duties is the agency's to settle "按照相关程序". Wuxi 第六十三条 (首接负责制, 牵头负责制): a matter
 * is not passed around; the unit that took it, or the lead named, answers for it. So the first return is the
 * department's report, the second makes it a dispute of duties, and after it the agency's dispatch stands: the
 * lead it names handles the case (or the agency escalates it before dispatching). Once per dispatch holds by
 * construction: a return ends the dispatch it answers.
 */
export const MAX_RETURNS = 2;

export function returnsLeft(state: CaseState): string | null {
  if (state.returns < MAX_RETURNS) return null;
  return (
    `this case was returned ${state.returns} times: the agency has settled whose duty it is and its dispatch ` +
    "stands; the lead department handles it (Jiangmen 第二十四条, Wuxi 第六十三条)"
  );
}

/**
 * A dispute case closes only once its dispute is settled, agreed, kept or concluded (Jiangmen 第十一条(四): what the
 * worker cannot mediate is passed on, not closed; Wuxi 第四十四条: a diverted dispute waits for its channel's
 * decision). Guards resolve-on-site and handle; a passing check asks `passingCheckSettled`.
 */
export function disputeSettled(state: CaseState): string | null {
  const stage = state.dispute?.stage;
  if (stage === undefined || SETTLED_STAGES.includes(stage)) return null;
  if (stage === "diverted") return "a dispute in stage diverted closes only with the outcome of its channel";
  return `a dispute in stage ${stage} closes only once it is ${SETTLED_STAGES.join(", ")}`;
}

/** A check that would close the case (passed) waits for the dispute as handling does; a failed one never waits. */
export function passingCheckSettled(state: CaseState, body: { passed: boolean }): string | null {
  return body.passed ? disputeSettled(state) : null;
}

/** One pause (挂账) of a step at a time: asked or running, it must end before another is asked. */
export function noPauseOpen(state: CaseState): string | null {
  return pauseOpen(state) ? "a pause of this step is already asked or running" : null;
}

export function pausePending(state: CaseState): string | null {
  return state.pause?.status === "pending" && pauseOpen(state) ? null : "no pause request is pending";
}

export function paused(state: CaseState): string | null {
  return isPaused(state) ? null : "the clock of this step is not paused";
}

/** A running step's clock does not move while paused; an extension waits for the pause to end. */
export function notPaused(state: CaseState): string | null {
  return isPaused(state) ? "the clock is paused: resume it before asking for an extension" : null;
}

/** Issue 16 media: a matter that asks for before/after photos holds resolve-on-site until both are attached. */
export function resolutionPhotos(state: CaseState): string | null {
  return beforeAfterMissing(state, "resolve-on-site");
}

/** Issue 16 media: the same for a department's handling. */
export function handlingPhotos(state: CaseState): string | null {
  return beforeAfterMissing(state, "handle");
}
