import { grantingRoles, type Action, type ResourceScope } from "@civicgrid/auth";
import { divisionPrefix, type Principal, type Role } from "@civicgrid/contracts";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { assertRosterReferences } from "./references";

/** Refuses (403) unless some role of the caller may take `action` on a resource in `scope`. */
export function authorize(c: Context, action: Action, scope: ResourceScope): { principal: Principal; roles: Role[] } {
  const principal = principalOf(c);
  const roles = grantingRoles(principal, action, scope);
  if (roles.length === 0) throw new AppError("forbidden", `${action} is not allowed for this caller on a resource in ${scope.divisionCode ?? scope.departmentId ?? "this scope"}`);
  return { principal, roles };
}

/**
 * The division a list is scoped to: the asked one (`query.divisionCode`, a reference checked like any other),
 * or the caller's own.
 */
export async function listScope(
  c: Context<AppEnv>,
  action: Action,
  divisionCode: string | undefined,
): Promise<{ prefix: string; principal: Principal }> {
  const principal = principalOf(c);
  if (divisionCode === undefined) authorize(c, action, { divisionCode: principal.divisionCode });
  else await assertRosterReferences(c, [{ field: "query.divisionCode", kind: "division", id: divisionCode, action }]);
  return { prefix: divisionPrefix(divisionCode ?? principal.divisionCode), principal };
}
