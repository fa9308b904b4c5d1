import { can, mayEver } from "@civicgrid/auth";
import { divisionPrefix, type Principal } from "@civicgrid/contracts";

/**
 * Who operates notifications (rules, templates, the delivery log, the SMS sink): agency staff, each within their
 * jurisdiction, and the platform administrators everywhere. Plain answers: the routes turn a refusal into
 * problem+json.
 */
export type OperatorScope = { prefix: string } | { refused: "forbidden"; detail: string };

/** The division-code prefix an operator's lists are cut to ("" for a platform admin: everything). */
export function operatorScope(principal: Principal): OperatorScope {
  if (!mayEver(principal, "notification:admin")) {
    return { refused: "forbidden", detail: "only agency staff operate notifications" };
  }
  return { prefix: principal.roles.includes("platform_admin") ? "" : divisionPrefix(principal.divisionCode) };
}

/** Whether the operator's jurisdiction covers an item of `divisionCode` (an item elsewhere is answered as absent). */
export function operates(principal: Principal, divisionCode: string): boolean {
  return can(principal, "notification:admin", { divisionCode });
}

/** Rules apply to every county at once, and dead letters may hold any county's data: the platform's own. */
export function isPlatformAdmin(principal: Principal): boolean {
  return principal.roles.includes("platform_admin");
}

/**
 * Whose quiet hours a caller sets: their own (`user:<sub>`), or, for department staff, their department's duty
 * line (`dept:<id>`), which is where a department's SMS go. Null when the caller has no department.
 */
export function preferenceOwner(principal: Principal, owner: "self" | "department"): string | null {
  if (owner === "self") return `user:${principal.sub}`;
  if (!principal.roles.includes("department") || !principal.departmentId) return null;
  return `dept:${principal.departmentId}`;
}
