import type { Principal } from "@civicgrid/contracts";
import { exportJWK, generateKeyPair, type JWTVerifyGetKey } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { mintAccessToken } from "../src/mint";
import { VERIFIED_TOKEN_MAX_HOLD_MS, VerifiedTokens } from "../src/verified-tokens";

const config = { issuer: "https://idp.test/", audience: "civicgrid-api", clockToleranceSeconds: 0 };
const principal = (sub: string): Principal => ({ sub, roles: ["agency"], divisionCode: "440703000000" });
let keys: {
  getKey: JWTVerifyGetKey;
  lookups: () => number;
  mint: (sub: string, now: number, ttl?: number) => Promise<string>;
};

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  const signing = { ...(await exportJWK(pair.privateKey)), kid: "k1", alg: "ES256" };
  let lookups = 0;
  keys = {
    // Every signature check asks for the key: counting the asks counts the verifications.
    getKey: async () => (lookups++, pair.publicKey),
    lookups: () => lookups,
    mint: (sub, now, ttl = 3600) => mintAccessToken(principal(sub), signing, { ...config, now, ttlSeconds: ttl }),
  };
});

describe("VerifiedTokens: each distinct token verified once per isolate", () => {
  it("checks a token's signature once, then answers the same principal from the cache", async () => {
    const cache = new VerifiedTokens();
    const now = Date.now();
    const jwt = await keys.mint("u1", now);
    const before = keys.lookups();
    const first = await cache.verify(jwt, keys.getKey, config, now);
    expect(await cache.verify(jwt, keys.getKey, config, now + 1_000)).toEqual(first);
    expect(first.sub).toBe("u1");
    expect(keys.lookups()).toBe(before + 1);
  });

  it("holds a token no longer than its exp: after it, the token is checked again and refused", async () => {
    const cache = new VerifiedTokens();
    const now = Date.now();
    const jwt = await keys.mint("u2", now, 60);
    await cache.verify(jwt, keys.getKey, config, now);
    const exp = (Math.floor(now / 1000) + 60) * 1000;
    await expect(cache.verify(jwt, keys.getKey, config, exp - 1)).resolves.toMatchObject({ sub: "u2" });
    await expect(cache.verify(jwt, keys.getKey, config, exp + 1_000)).rejects.toMatchObject({ reason: "expired" });
  });

  it("holds a long-lived token at most VERIFIED_TOKEN_MAX_HOLD_MS before checking its signature again", async () => {
    const cache = new VerifiedTokens();
    const now = Date.now();
    const jwt = await keys.mint("u3", now);
    await cache.verify(jwt, keys.getKey, config, now);
    const before = keys.lookups();
    await cache.verify(jwt, keys.getKey, config, now + VERIFIED_TOKEN_MAX_HOLD_MS - 1);
    expect(keys.lookups()).toBe(before);
    await cache.verify(jwt, keys.getKey, config, now + VERIFIED_TOKEN_MAX_HOLD_MS);
    expect(keys.lookups()).toBe(before + 1);
  });

  it("keeps at most maxEntries tokens, forgetting the least recently used", async () => {
    const cache = new VerifiedTokens(2);
    const now = Date.now();
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((sub) => keys.mint(sub, now)));
    for (const jwt of [a!, b!, a!, c!]) await cache.verify(jwt, keys.getKey, config, now);
    expect(cache.size).toBe(2);
    const before = keys.lookups();
    await cache.verify(a!, keys.getKey, config, now);
    await cache.verify(c!, keys.getKey, config, now);
    expect(keys.lookups()).toBe(before);
    await cache.verify(b!, keys.getKey, config, now);
    expect(keys.lookups()).toBe(before + 1);
  });

  it("remembers no refusal: a bad token is checked, and refused, every time", async () => {
    const cache = new VerifiedTokens();
    const now = Date.now();
    const jwt = await keys.mint("u4", now);
    const tampered = `${jwt.slice(0, -4)}AAAA`;
    const before = keys.lookups();
    for (let i = 0; i < 2; i++)
      await expect(cache.verify(tampered, keys.getKey, config, now)).rejects.toMatchObject({ reason: "bad_signature" });
    expect(keys.lookups()).toBe(before + 2);
    expect(cache.size).toBe(0);
  });
});
