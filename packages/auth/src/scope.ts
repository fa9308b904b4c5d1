import { divisionPrefix, type Principal, type Role } from "@civicgrid/contracts";
import { POLICY, type Action } from "./policy";

/**
 * How far a list reaches for a caller, read like the policy's jurisdictions (./policy.ts `inJurisdiction`):
 * every row (platform admin), rows whose division code starts with a prefix (agency, hr, department: their
 * division), rows of some grids (a grid worker, where the rows lie in grids), or the caller's own rows
 * (a resident).
 */
export type ListScope = { all: true } | { prefix: string } | { grids: readonly string[] } | { ownerSub: string };

export type ListScopeOptions = {
  /**
   * The listed rows lie in grids (grids, layouts of grids): a grid worker sees only their own grids. Otherwise
   * (departments, workers, users) a grid worker sees the rows of their own division, as the policy reads them.
   */
  byGrid?: boolean;
};

/** The widest reach among the caller's roles that may take `action`; null when none may. */
export function listScopeOf(principal: Principal, action: Action, options: ListScopeOptions = {}): ListScope | null {
  const allowed: readonly Role[] = POLICY[action];
  const roles = principal.roles.filter((role) => role === "platform_admin" || allowed.includes(role));
  if (roles.includes("platform_admin")) return { all: true };
  const own = { prefix: divisionPrefix(principal.divisionCode) };
  if (roles.some((role) => role === "agency" || role === "hr" || role === "department")) return own;
  if (roles.includes("grid_worker")) return options.byGrid ? { grids: principal.grids ?? [] } : own;
  if (roles.includes("resident")) return { ownerSub: principal.sub };
  return null;
}

/** A scope cut down to one division (asked for by the caller): what lies both in the scope and in the division. */
export function narrowScope(scope: ListScope, divisionCode: string): ListScope {
  const asked = divisionPrefix(divisionCode);
  if ("all" in scope) return { prefix: asked };
  if ("prefix" in scope) {
    if (asked.startsWith(scope.prefix)) return { prefix: asked };
    return scope.prefix.startsWith(asked) ? scope : { grids: [] };
  }
  if ("grids" in scope) return { grids: scope.grids.filter((g) => g.startsWith(asked)) };
  return scope;
}
