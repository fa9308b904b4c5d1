import { divisionLevel, DivisionLevel } from "@civicgrid/contracts";
import type { Actor, CaseState } from "./case-state";

/**
 * When extensions and pauses (挂账) may be asked and approved: before the step's deadline (a late step is
 * supervised, not excused), and a case's second extension by an agency above the level that approved the first.
 */

/** Why `what` comes too late at `now` (the step's deadline has passed), or null. */
export function beforeDeadline(state: Pick<CaseState, "dueAt">, now: Date, what: string): string | null {
  if (!state.dueAt || now < new Date(state.dueAt)) return null;
  return `${what} is asked and approved before the step's deadline (${state.dueAt}), which has passed`;
}

/** Province 0 … village 4: a lower rank is a higher level. */
const rank = (level: DivisionLevel) => DivisionLevel.options.indexOf(level);

/** Why this reviewer may not decide the case's second (or later) extension, or null when they may. */
export function secondExtensionRefusal(state: Pick<CaseState, "extensionApprovals">, reviewer: Actor): string | null {
  const first = state.extensionApprovals?.[0];
  if (!first) return null;
  if (rank(divisionLevel(reviewer.unit)) < rank(first.level)) return null;
  const needed = DivisionLevel.options[rank(first.level) - 1];
  if (!needed) return `the first extension was approved at ${first.level} level; no higher level may approve another`;
  return (
    `a second extension is reviewed by an agency above the ${first.level} level that approved the first: ` +
    `${needed} level or higher`
  );
}
