import type { Role } from "@civicgrid/contracts";

/**
 * The role an action is taken in when several grant it: an agency's when it verifies (verifyNow, decisions),
 * otherwise the most specific one (a grid worker's over an agency's), so that what is recorded is what happened.
 */
export function preferredRole(roles: readonly Role[], verifying: boolean): Role {
  const order: readonly Role[] = verifying
    ? ["agency", "platform_admin", "grid_worker", "department"]
    : ["grid_worker", "agency", "department", "platform_admin"];
  return order.find((r) => roles.includes(r)) ?? roles[0]!;
}
