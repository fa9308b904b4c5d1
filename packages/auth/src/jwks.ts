import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from "jose";
import { AuthError } from "./errors";

/**
 * One remote key set per URL and isolate. jose caches the keys (`cacheMaxAge`) and refetches at most
 * once per `cooldownDuration` when a token names an unknown `kid`, so key rotation is picked up
 * without letting bad tokens hammer the identity provider.
 *
 * An identity provider that cannot be read (network error, timeout, a status other than 200, a body
 * that is not a JWK set) is an outage, not a bad token: the fetch fails with `jwks_unavailable`, which
 * the gateway answers 503 with Retry-After. Nothing of a failed fetch is kept but a short backoff
 * (`outageBackoffMs`), so the provider is not hammered while it is down and the first request after
 * it ends fetches the keys again: recovery needs no restart.
 */
const cache = new Map<string, JWTVerifyGetKey>();

export interface RemoteJwksOptions {
  cacheMaxAgeMs?: number;
  cooldownMs?: number;
  /** After a failed fetch, further fetches fail at once for this long (and clients are told to retry then). */
  outageBackoffMs?: number;
}

export const DEFAULT_OUTAGE_BACKOFF_MS = 5_000;

export function remoteJwks(url: string, options: RemoteJwksOptions = {}): JWTVerifyGetKey {
  const key = `${url}|${options.cacheMaxAgeMs ?? ""}|${options.cooldownMs ?? ""}|${options.outageBackoffMs ?? ""}`;
  let keys = cache.get(key);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
      cooldownDuration: options.cooldownMs ?? 30_000,
      timeoutDuration: 5_000,
      [customFetch]: outageAwareFetch(options.outageBackoffMs ?? DEFAULT_OUTAGE_BACKOFF_MS),
    });
    cache.set(key, keys);
  }
  return keys;
}

/** A fetch for jose that turns every way of not getting a key set into `jwks_unavailable`. */
function outageAwareFetch(backoffMs: number): FetchImplementation {
  let downUntil = 0;
  const outage = (what: string): AuthError => {
    downUntil = Date.now() + backoffMs;
    const message = `the identity provider's keys could not be loaded (${what}); retry shortly`;
    return new AuthError("jwks_unavailable", message, { retryAfterSeconds: Math.max(1, Math.ceil(backoffMs / 1000)) });
  };
  return async (url, init) => {
    const wait = downUntil - Date.now();
    if (wait > 0) {
      throw new AuthError("jwks_unavailable", "the identity provider's keys could not be loaded; retry shortly", {
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
      });
    }
    let text: string;
    try {
      const res = await fetch(url, init);
      if (res.status !== 200) {
        await res.body?.cancel();
        throw outage(`it answered HTTP ${res.status}`);
      }
      text = await res.text();
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw outage(error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable");
    }
    if (!isKeySet(text)) throw outage("its answer is not a JWK set");
    return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
  };
}

function isKeySet(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    const keys = (parsed as { keys?: unknown } | null)?.keys;
    return Array.isArray(keys) && keys.every((k) => typeof k === "object" && k !== null);
  } catch {
    return false;
  }
}
