import { describe, expect, it } from "vitest";
import { AuthError } from "../src/errors";
import { signInternalPrincipal, verifyInternalPrincipal } from "../src/internal";

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
});
