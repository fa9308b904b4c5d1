import { divisionLevel, isWithinDivision, type Principal } from "@civicgrid/contracts";
import { can, type Action, type ResourceScope } from "./policy";

/**
 * Every id a request names besides the resource in its path (a department to dispatch to, a case to merge
 * into, a worker to assign, a grid to give a user) is a resource the caller must be allowed to touch.
 * Routes never check such ids by hand: they list them as references and resolve them here, so that a new
 * route cannot forget the jurisdiction of its second resource.
 */
export type ReferenceKind =
  | "department"
  | "grid"
  | "worker"
  | "case"
  | "user"
  | "division"
  | "matter"
  | "platform"
  // Base-data records (services/basedata): each lies in its village and, below road level, in one grid.
  | "address"
  | "house"
  | "household"
  | "person"
  | "unit"
  | "tag"
  | "visit"
  | "submission"
  // Disputes: a mediator (services/roster), a dispute-screening campaign (services/basedata).
  | "mediator"
  | "mediation-body"
  | "campaign"
  // Hotspots (issue 16, services/cases): a proposed proactive work order lies in its grid's village.
  | "hotspot";

export interface Reference {
  /** Where the id was found, as the problem+json field names it: `body.leadDepartmentId`, `body.grids[2]`. */
  field: string;
  kind: ReferenceKind;
  id: string;
  /** What the caller does with the named resource: the policy action checked against its scope. */
  action: Action;
}

/** Where a named resource lives, or null when there is no such resource. */
export type ScopeResolver = (kind: ReferenceKind, id: string) => Promise<ResourceScope | null>;

export interface ReferenceRefusal {
  field: string;
  kind: ReferenceKind;
  id: string;
  reason: "unknown" | "outside_jurisdiction";
}

/**
 * A linkage department sits at the county (or city) level, while the agencies that dispatch to it may sit
 * below, at township or village level (Jiangmen 第二十四条: the agency dispatches to the responsible
 * department). So a department is within reach of a caller when it lies in the caller's own jurisdiction,
 * or at the caller's county (never another county's, never the city's from below: that is an escalation).
 */
export function departmentInReach(principal: Principal, action: Action, scope: ResourceScope): boolean {
  if (can(principal, action, scope)) return true;
  const code = scope.divisionCode;
  if (code === undefined || divisionLevel(code) !== "county") return false;
  if (!isWithinDivision(principal.divisionCode, code)) return false;
  return can(principal, action, { ...scope, divisionCode: principal.divisionCode });
}

/** Resolves every reference and returns the ones the caller may not use (empty: all allowed). */
export async function checkReferences(
  principal: Principal,
  references: readonly Reference[],
  resolve: ScopeResolver,
): Promise<ReferenceRefusal[]> {
  const scopes = await Promise.all(references.map((ref) => resolve(ref.kind, ref.id)));
  const refusals: ReferenceRefusal[] = [];
  references.forEach((ref, i) => {
    const scope = scopes[i];
    const base = { field: ref.field, kind: ref.kind, id: ref.id };
    if (scope === null || scope === undefined) refusals.push({ ...base, reason: "unknown" });
    else if (
      !(ref.kind === "department" ? departmentInReach(principal, ref.action, scope) : can(principal, ref.action, scope))
    ) {
      refusals.push({ ...base, reason: "outside_jurisdiction" });
    }
  });
  return refusals;
}
