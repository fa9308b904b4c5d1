import { can } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";

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
