import { ExpiringLru } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";

/** The one roster RPC the gateway needs (see RosterRpc in contracts). */
export interface PrincipalStatusSource {
  principalStatus(sub: string): Promise<{ active: boolean; reason?: string }>;
}

export type PrincipalStatus = { active: boolean; reason?: string };

/** How long an answer is trusted: a dismissed worker's token stops working within this time. */
export const STATUS_TTL_MS = 60_000;

/**
 * At most this many subjects' answers per isolate (each a few dozen bytes): beyond it the least recently seen
 * subject is forgotten, and asked about again when it comes back.
 */
export const STATUS_MAX_ENTRIES = 10_000;

const cache = new ExpiringLru<string, PrincipalStatus>(STATUS_MAX_ENTRIES);

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
  const hit = cache.get(principal.sub, now);
  if (hit) return hit;
  const { active, reason } = await source.principalStatus(principal.sub);
  const status = reason === undefined ? { active } : { active, reason };
  cache.set(principal.sub, status, now + STATUS_TTL_MS, now);
  return status;
}

/** How many subjects' answers are held (the bound is STATUS_MAX_ENTRIES). */
export function statusCacheSize(): number {
  return cache.size;
}
