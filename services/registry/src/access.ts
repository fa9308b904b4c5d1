import { can, mayEver, type Action, type ResourceScope } from "@civicgrid/auth";
import { divisionPrefix, type Principal } from "@civicgrid/contracts";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";

/** The caller, if the policy lets them take `action` on `resource`; otherwise 403. */
export function authorize(c: Context, action: Action, resource: ResourceScope): Principal {
  const principal = principalOf(c);
  if (!can(principal, action, resource)) {
    throw new AppError("forbidden", `${action} is not allowed here for your role or outside your jurisdiction`);
  }
  return principal;
}

/** The caller, if some role of theirs may take `action` somewhere (lists are scoped afterwards). */
export function authorizeEver(c: Context, action: Action): Principal {
  const principal = principalOf(c);
  if (!mayEver(principal, action)) throw new AppError("forbidden", `your role may not ${action}`);
  return principal;
}

/**
 * How a list is cut down to what the caller may see: every row (platform admin), rows whose division code
 * starts with the caller's division prefix (agency, hr, department), or only the caller's own grids (worker).
 */
export type ListScope = { all: true } | { prefix: string } | { grids: string[] };

export function listScope(principal: Principal): ListScope {
  if (principal.roles.includes("platform_admin")) return { all: true };
  if (principal.roles.some((r) => r === "agency" || r === "hr" || r === "department")) return { prefix: divisionPrefix(principal.divisionCode) };
  return { grids: principal.grids ?? [] };
}
