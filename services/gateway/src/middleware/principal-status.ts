import type { Principal } from "@civicgrid/contracts";

/** The one roster RPC the gateway needs (see RosterRpc in contracts). */
export interface PrincipalStatusSource {
  principalStatus(sub: string): Promise<{ active: boolean; reason?: string }>;
}

export type PrincipalStatus = { active: boolean; reason?: string };

/** How long an answer is trusted: a dismissed worker's token stops working within this time. */
export const STATUS_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const cache = new Map<string, { status: PrincipalStatus; until: number }>();

/**
 * Whether the roster still lets this subject act, cached per isolate for at most a minute so that
 * the roster is asked about once a minute per active user, not on every request. Residents are not
 * in the roster (they sign in through the public identity provider), so they are not asked about.
 */
export async function rosterStatus(
  source: PrincipalStatusSource,
  principal: Principal,
  now: number = Date.now(),
): Promise<PrincipalStatus> {
  if (principal.roles.every((role) => role === "resident")) return { active: true };
  const hit = cache.get(principal.sub);
  if (hit && hit.until > now) return hit.status;
  const status = await source.principalStatus(principal.sub);
  // A full cache is dropped rather than grown: the cost is one extra roster call per subject.
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(principal.sub, { status: { active: status.active, reason: status.reason }, until: now + STATUS_TTL_MS });
  return status;
}

/** Tests only: forget cached answers. */
export function clearStatusCache(): void {
  cache.clear();
}
