import {
  grantingRoles,
  listScopeOf,
  mayEver,
  narrowScope,
  type Action,
  type ListScope,
  type ListScopeOptions,
  type ResourceScope,
  type ScopeResolver,
} from "@civicgrid/auth";
import type { Principal, Role } from "@civicgrid/contracts";
import type { Context } from "hono";
import { AppError } from "./errors";
import { principalOf } from "./principal";
import { assertReferences } from "./references";

/**
 * The access checks of route handlers, over the policy of @civicgrid/auth: one resource (`authorize`), a list
 * before it is scoped (`authorizeEver`), and the scope of a list (`listScope`). A refusal is 403 problem+json.
 */

/** The caller and the roles through which they may take `action` on a resource in `scope`; otherwise 403. */
export function authorize(c: Context, action: Action, scope: ResourceScope): { principal: Principal; roles: Role[] } {
  const principal = principalOf(c);
  const roles = grantingRoles(principal, action, scope);
  if (roles.length === 0) {
    const where = scope.divisionCode ?? scope.gridCode ?? scope.departmentId ?? "this scope";
    throw new AppError("forbidden", `${action} is not allowed for this caller on a resource in ${where}`);
  }
  return { principal, roles };
}

/** The caller, if some role of theirs may take `action` somewhere (a list, scoped afterwards); otherwise 403. */
export function authorizeEver(c: Context, action: Action): Principal {
  const principal = principalOf(c);
  if (!mayEver(principal, action)) throw new AppError("forbidden", `your role may not ${action}`);
  return principal;
}

export type ListScopeRequest = ListScopeOptions & {
  /** Where the asked division was named (default `query.divisionCode`). */
  field?: string;
  /** Where a named division lies, or null when there is none (422); default: every code is a division. */
  resolve?: ScopeResolver;
};

const divisionItself: ScopeResolver = async (kind, id) => (kind === "division" ? { divisionCode: id } : null);

/**
 * The caller and how far their list reaches (see `listScopeOf`): 403 when no role of theirs may take `action`.
 * With `asked` (a division the request names, e.g. `?divisionCode=`), that division is checked like any other
 * reference (outside the caller's jurisdiction: 403; unknown to `resolve`: 422) and the scope is cut down to it.
 */
export async function listScope(
  c: Context,
  action: Action,
  asked?: string,
  options: ListScopeRequest = {},
): Promise<{ principal: Principal; scope: ListScope }> {
  const principal = authorizeEver(c, action);
  const scope = listScopeOf(principal, action, options);
  if (scope === null) throw new AppError("forbidden", `your role may not ${action}`);
  if (asked === undefined) return { principal, scope };
  const reference = { field: options.field ?? "query.divisionCode", kind: "division" as const, id: asked, action };
  await assertReferences(c, [reference], options.resolve ?? divisionItself);
  return { principal, scope: narrowScope(scope, asked) };
}
