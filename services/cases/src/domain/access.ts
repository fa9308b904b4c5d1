import { grantingRoles, type Action, type ResourceScope } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import type { Actor } from "./case-state";
import type { CaseState } from "./case-state";
import { isReporter } from "./co-reporters";

/**
 * A department id no department has: scopes without any department must not fall back to the
 * department's division (a department sees only cases dispatched to it).
 */
const NO_DEPARTMENT = ["(none)"];

/**
 * The reporter the scope names for the caller `sub`: the caller when they reported the case or joined it (a
 * co-reporter reads and rates it as the reporter does, issue 16), else the first reporter.
 */
function ownerFor(state: Pick<CaseState, "reporterSub" | "coReporters">, sub?: string): string | undefined {
  if (sub !== undefined && isReporter(state, sub)) return sub;
  return state.reporterSub ?? undefined;
}

/** Scope of a command: the agency holding the case, the grid, the lead department, the reporter. */
export function writeScope(state: CaseState, sub?: string): ResourceScope {
  return {
    divisionCode: state.holderDivisionCode,
    gridCode: state.gridCode ?? undefined,
    departmentIds: state.leadDepartmentId ? [state.leadDepartmentId] : NO_DEPARTMENT,
    ownerSub: ownerFor(state, sub),
  };
}

/** Scope of a +1: where the case lies, as for reporting there (any resident; a grid worker of its grid). */
export function joinScope(state: CaseState, sub: string): ResourceScope {
  return {
    divisionCode: state.villageCode ?? state.townshipCode ?? state.countyCode,
    gridCode: state.gridCode ?? undefined,
    ownerSub: sub,
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
    | "coReporters"
  >,
  sub?: string,
): ResourceScope {
  const departments = [state.leadDepartmentId, ...state.assistingDepartmentIds].filter((d): d is string => d !== null);
  return {
    divisionCode: state.villageCode ?? state.townshipCode ?? state.countyCode,
    gridCode: state.gridCode ?? undefined,
    departmentIds: departments.length > 0 ? departments : NO_DEPARTMENT,
    ownerSub: ownerFor(state, sub),
  };
}

/** The actor record of the first role that grants `action` on `scope`, or null when none does. */
export function actorFor(principal: Principal, action: Action, scope: ResourceScope): Actor | null {
  const role = grantingRoles(principal, action, scope)[0];
  if (!role) return null;
  const unit = role === "department" && principal.departmentId ? principal.departmentId : principal.divisionCode;
  return { sub: principal.sub, role, unit };
}
