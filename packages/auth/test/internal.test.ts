import { describe, expect, it } from "vitest";
import { AuthError } from "../src/errors";
import {
  INTERNAL_PRINCIPAL_TTL_SECONDS,
  signInternalPrincipal,
  verifiedPrincipals,
  verifyInternalPrincipal,
} from "../src/internal";

const secret = "a-test-secret-that-is-long-enough-000000";
const principal = { sub: "u1", roles: ["agency" as const], divisionCode: "440703000000" };

describe("internal principal token", () => {
  it("round-trips a principal signed by the gateway", async () => {
    const token = await signInternalPrincipal(principal, secret);
    expect(await verifyInternalPrincipal(token, secret)).toEqual(principal);
  });

  it("refuses a token signed with another secret, a missing one, and a tampered one", async () => {
    const token = await signInternalPrincipal(principal, secret);
    await expect(verifyInternalPrincipal(token, `${secret}x`)).rejects.toBeInstanceOf(AuthError);
    await expect(verifyInternalPrincipal(undefined, secret)).rejects.toMatchObject({ reason: "missing_token" });
    const [h, p, s] = token.split(".");
    const forged = `${h}.${p!.slice(0, -2)}AA.${s}`;
    await expect(verifyInternalPrincipal(forged, secret)).rejects.toBeInstanceOf(AuthError);
  });

  it("refuses a secret too short to be safe", async () => {
    await expect(signInternalPrincipal(principal, "short")).rejects.toThrow(/at least 32/);
  });

  it("keeps a verified principal until its token expires, only under the secret that verified it (issue 17)", async () => {
    const now = Date.now();
    const token = await signInternalPrincipal({ ...principal, sub: "u-cached" }, secret, now);
    expect(await verifyInternalPrincipal(token, secret, now)).toMatchObject({ sub: "u-cached" });
    const first = verifiedPrincipals();
    expect(first.kept).toBeGreaterThan(0);
    // Again: answered from the cache (no signature checked), the same principal.
    expect(await verifyInternalPrincipal(token, secret, now + 1000)).toMatchObject({ sub: "u-cached" });
    expect(verifiedPrincipals()).toEqual(first);
    // Past its exp (plus the 5 s skew): refused, cached or not.
    const late = now + (INTERNAL_PRINCIPAL_TTL_SECONDS + 6) * 1000;
    await expect(verifyInternalPrincipal(token, secret, late)).rejects.toMatchObject({ reason: "bad_signature" });
    // Under another secret the cached entry counts for nothing.
    const other = `${secret}-rotated`;
    await expect(verifyInternalPrincipal(token, other, now)).rejects.toBeInstanceOf(AuthError);
    expect(verifiedPrincipals().kept).toBe(0);
    // A refused token is not kept; a forged one never answers from the cache of a good one.
    const [h, p, s] = token.split(".");
    await expect(verifyInternalPrincipal(`${h}.${p}.${s!.slice(0, -4)}AAAA`, secret, now)).rejects.toBeInstanceOf(
      AuthError,
    );
    expect(verifiedPrincipals().kept).toBe(0);
  });
});
