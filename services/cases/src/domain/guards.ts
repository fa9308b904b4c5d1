import { divisionLevel } from "@civicgrid/contracts";
import type { CommandName } from "@civicgrid/contracts";
import type { CaseState } from "./case-state";
import { TRANSITIONS } from "./transitions";

/** Why a command whose start status fits is still not possible now, or null when it is. */
export function guardOf(state: CaseState, name: CommandName): string | null {
  const offListPending = state.matterStatus === "unlisted" && !state.matterApproved;
  switch (name) {
    case "accept":
    case "dispatch":
      return offListPending ? "this matter is not on the county's admission list: an agency must approve it first" : null;
    case "approve-matter":
      return offListPending ? null : "the matter needs no approval";
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
