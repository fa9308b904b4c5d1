import { checkReferences, type Reference, type ScopeResolver } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { refuseReferences } from "@civicgrid/http";
import type { CaseState } from "../domain";

/**
 * A dispute's parties and mediator belong to the case's county, whoever of its handlers names them: a dispute
 * across a grid or village boundary is one dispute, and its repeat rule, risk rules and police are the county's
 * (Gansu 二(一)1(2)); another county's person, unit or mediator is that county's to record (403 naming the field).
 * So the shared reference check runs with the reach of the case's county agency, not the caller's (the caller's
 * write scope on the case itself is checked by decideDispute).
 */
function countyReach(state: CaseState): Principal {
  return { sub: `case:${state.id}`, roles: ["agency"], divisionCode: state.countyCode };
}

export async function assertInCaseCounty(
  state: CaseState,
  references: readonly Reference[],
  resolve: ScopeResolver,
): Promise<void> {
  const refusals = await checkReferences(countyReach(state), references, resolve);
  refuseReferences(refusals, `lies outside the case's county ${state.countyCode}`);
}
