import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

/**
 * One remote key set per URL and isolate. jose caches the keys (`cacheMaxAge`) and refetches at most
 * once per `cooldownDuration` when a token names an unknown `kid`, so key rotation is picked up
 * without letting bad tokens hammer the identity provider.
 */
const cache = new Map<string, JWTVerifyGetKey>();

export function remoteJwks(url: string, options: { cacheMaxAgeMs?: number; cooldownMs?: number } = {}): JWTVerifyGetKey {
  const key = `${url}|${options.cacheMaxAgeMs ?? ""}|${options.cooldownMs ?? ""}`;
  let keys = cache.get(key);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), {
      cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
      cooldownDuration: options.cooldownMs ?? 30_000,
      timeoutDuration: 5_000,
    });
    cache.set(key, keys);
  }
  return keys;
}
