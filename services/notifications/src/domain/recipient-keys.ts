import type { Principal } from "@civicgrid/contracts";

/**
 * The audience keys a principal answers to: their own subject, their department, their agency's
 * division, the grids they serve, and for the platform administrators (who have no unit) their role.
 * Subscriptions (`subscribers:<grid>`) are joined in the inbox query.
 */
export function principalKeys(principal: Principal): string[] {
  const keys = [`user:${principal.sub}`];
  if (principal.roles.includes("department") && principal.departmentId) keys.push(`dept:${principal.departmentId}`);
  if (principal.roles.includes("agency")) keys.push(`agency:${principal.divisionCode}`);
  if (principal.roles.includes("platform_admin")) keys.push("role:platform_admin");
  if (principal.roles.includes("grid_worker")) for (const grid of principal.grids ?? []) keys.push(`grid:${grid}`);
  return keys;
}
