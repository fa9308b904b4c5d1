import { divisionLevel } from "@civicgrid/contracts";
import type { CommandName } from "@civicgrid/contracts";
import type { CaseState } from "./case-state";
import { heldForApproval, offListPending } from "./matter-approval";
import { TRANSITIONS } from "./transitions";

/** Why a command whose start status fits is still not possible now, or null when it is. */
export function guardOf(state: CaseState, name: CommandName): string | null {
  const held = heldForApproval(state, name);
  if (held) return held;
  switch (name) {
    case "approve-matter":
      return offListPending(state) ? null : "the matter needs no approval";
    case "escalate":
      return divisionLevel(state.holderDivisionCode) === "city" ? "the city agency is the highest level" : null;
    case "request-extension":
      return state.extension?.status === "pending" ? "an extension request is already pending" : null;
    case "review-extension":
      return state.extension?.status === "pending" ? null : "no extension request is pending";
    default:
      return null;
  }
}

/** Commands possible in the case's current state (status and guards), for the 409 answer. */
export function allowedNow(state: CaseState): CommandName[] {
  return (Object.keys(TRANSITIONS) as CommandName[]).filter(
    (name) => TRANSITIONS[name].from.includes(state.status) && guardOf(state, name) === null,
  );
}
