import type { Principal } from "@civicgrid/contracts";
import type { JWTVerifyGetKey } from "jose";
import { verifyAccessTokenUntil, type BearerConfig } from "./bearer";
import { ExpiringLru } from "./lru";

/**
 * At most this many verified tokens are kept per isolate: a token is about 1 KB with its principal, so the
 * cache stays under a few MB of the isolate's 128 MB whatever the traffic.
 */
export const VERIFIED_TOKENS_MAX_ENTRIES = 4_096;

/**
 * A verified token is trusted again without checking its signature for at most this long, and never past its
 * own `exp`. The bound keeps key rotation meaningful: a key withdrawn from the JWKS stops being honoured within
 * the JWKS cache's age (10 minutes) plus this hold. A subject's dismissal is not affected: the roster's word is
 * asked separately on every request (cached for a minute, see the gateway's principal-status).
 */
export const VERIFIED_TOKEN_MAX_HOLD_MS = 5 * 60_000;

/**
 * Verifies each distinct token once per isolate: a signature check (RS256 or ES256 over the JWKS) costs more than
 * anything else the gateway does on its own, and a client sends the same token for its every request until it
 * expires. A token that fails is not remembered: it is checked (and refused) again on each request.
 */
export class VerifiedTokens {
  readonly #cache: ExpiringLru<string, Principal>;

  constructor(
    readonly maxEntries: number = VERIFIED_TOKENS_MAX_ENTRIES,
    readonly maxHoldMs: number = VERIFIED_TOKEN_MAX_HOLD_MS,
  ) {
    this.#cache = new ExpiringLru(maxEntries);
  }

  async verify(token: string, keys: JWTVerifyGetKey, config: BearerConfig, now = Date.now()): Promise<Principal> {
    const hit = this.#cache.get(token, now);
    if (hit) return hit;
    const { principal, expiresAt } = await verifyAccessTokenUntil(token, keys, config, now);
    this.#cache.set(token, principal, Math.min(expiresAt, now + this.maxHoldMs), now);
    return principal;
  }

  get size(): number {
    return this.#cache.size;
  }
}
