import { grantingRoles, type Action, type ResourceScope } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import type { Actor } from "./case-state";
import type { CaseState } from "./case-state";

/**
 * A department id no department has: scopes without any department must not fall back to the
 * department's division (a department sees only cases dispatched to it).
 */
const NO_DEPARTMENT = ["(none)"];

/** Scope of a command: the agency holding the case, the grid, the lead department, the reporter. */
export function writeScope(state: CaseState): ResourceScope {
  return {
    divisionCode: state.holderDivisionCode,
    gridCode: state.gridCode ?? undefined,
    departmentIds: state.leadDepartmentId ? [state.leadDepartmentId] : NO_DEPARTMENT,
    ownerSub: state.reporterSub ?? undefined,
  };
}

/** Scope of a read: where the case lies, every department involved, the grid, the reporter. */
export function readScope(
  state: Pick<
    CaseState,
    | "villageCode"
    | "townshipCode"
    | "countyCode"
    | "gridCode"
    | "leadDepartmentId"
    | "assistingDepartmentIds"
    | "reporterSub"
  >,
): ResourceScope {
  const departments = [state.leadDepartmentId, ...state.assistingDepartmentIds].filter((d): d is string => d !== null);
  return {
    divisionCode: state.villageCode ?? state.townshipCode ?? state.countyCode,
    gridCode: state.gridCode ?? undefined,
    departmentIds: departments.length > 0 ? departments : NO_DEPARTMENT,
    ownerSub: state.reporterSub ?? undefined,
  };
}

/** The actor record of the first role that grants `action` on `scope`, or null when none does. */
export function actorFor(principal: Principal, action: Action, scope: ResourceScope): Actor | null {
  const role = grantingRoles(principal, action, scope)[0];
  if (!role) return null;
  const unit = role === "department" && principal.departmentId ? principal.departmentId : principal.divisionCode;
  return { sub: principal.sub, role, unit };
}
