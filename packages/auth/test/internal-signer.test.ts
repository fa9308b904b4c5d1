import { describe, expect, it } from "vitest";
import { verifyInternalPrincipal } from "../src/internal";
import { InternalPrincipalSigner, SIGNED_PRINCIPAL_MARGIN_MS } from "../src/internal-signer";

const secret = "a-test-secret-that-is-long-enough-000000";
const agency = { sub: "u1", roles: ["agency" as const], divisionCode: "440703000000" };

describe("InternalPrincipalSigner: one signature per principal until shortly before it expires", () => {
  it("hands the same signed principal on while it has more than the margin left, and it verifies", async () => {
    const signer = new InternalPrincipalSigner(secret);
    const now = Date.now();
    const first = await signer.sign(agency, now);
    expect(await signer.sign(agency, now + 1_000)).toBe(first);
    expect(await verifyInternalPrincipal(first, secret)).toEqual(agency);
  });

  it("signs afresh once less than the margin is left before its expiry", async () => {
    const signer = new InternalPrincipalSigner(secret);
    const now = Math.floor(Date.now() / 1000) * 1000;
    const first = await signer.sign(agency, now);
    const renewAt = now + 60_000 - SIGNED_PRINCIPAL_MARGIN_MS;
    expect(await signer.sign(agency, renewAt - 1)).toBe(first);
    expect(await signer.sign(agency, renewAt)).not.toBe(first);
  });

  it("signs another principal for the same subject whose roles changed", async () => {
    const signer = new InternalPrincipalSigner(secret);
    const now = Date.now();
    const asAgency = await signer.sign(agency, now);
    const asHr = await signer.sign({ ...agency, roles: ["hr"] }, now);
    expect(asHr).not.toBe(asAgency);
    expect(await verifyInternalPrincipal(asHr, secret)).toMatchObject({ roles: ["hr"] });
  });

  it("keeps at most maxEntries principals", async () => {
    const signer = new InternalPrincipalSigner(secret, 2);
    const now = Date.now();
    for (const sub of ["a", "b", "c", "d"]) await signer.sign({ ...agency, sub }, now);
    expect(signer.size).toBe(2);
  });
});
