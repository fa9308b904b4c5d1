import type { Principal } from "@civicgrid/contracts";
import { claimsFromPrincipal } from "./claims";
import { INTERNAL_PRINCIPAL_TTL_SECONDS, signInternalPrincipal } from "./internal";
import { ExpiringLru } from "./lru";

/** At most this many signed principals are kept per isolate (each well under 1 KB). */
export const SIGNED_PRINCIPALS_MAX_ENTRIES = 4_096;

/**
 * A signed principal is handed on until this long before its expiry, then signed afresh: the service that
 * receives it may still be waiting on a queue of requests or a slow database, and must find it valid.
 */
export const SIGNED_PRINCIPAL_MARGIN_MS = 20_000;

/**
 * Signs the principal the gateway hands to a service once per principal and reuses it until shortly before it
 * expires, instead of an HMAC, a zod parse and a JWT encoding on every request. Keyed by the principal's claims
 * (not only its subject), so a subject whose new token carries other roles gets a principal with those roles.
 */
export class InternalPrincipalSigner {
  readonly #cache: ExpiringLru<string, string>;

  constructor(
    readonly secret: string,
    readonly maxEntries: number = SIGNED_PRINCIPALS_MAX_ENTRIES,
  ) {
    this.#cache = new ExpiringLru(maxEntries);
  }

  async sign(principal: Principal, now = Date.now()): Promise<string> {
    const key = JSON.stringify(claimsFromPrincipal(principal));
    const hit = this.#cache.get(key, now);
    if (hit) return hit;
    const signed = await signInternalPrincipal(principal, this.secret, now);
    const expiresAt = (Math.floor(now / 1000) + INTERNAL_PRINCIPAL_TTL_SECONDS) * 1000;
    this.#cache.set(key, signed, expiresAt - SIGNED_PRINCIPAL_MARGIN_MS, now);
    return signed;
  }

  get size(): number {
    return this.#cache.size;
  }
}
