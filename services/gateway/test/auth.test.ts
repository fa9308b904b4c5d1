import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { b64url, bearer, keys, token } from "./tokens";

const url = "https://api.civicgrid.test/v1/grids";
const p = principals.countyAgency;

async function expect401(init: RequestInit, reason: string) {
  const res = await exports.default.fetch(url, init);
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = await res.json<{ code: string; reason: string; requestId: string; status: number }>();
  expect(body).toMatchObject({ status: 401, code: "unauthorized", reason });
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
}

describe("gateway token verification: refusals", () => {
  it("refuses a request with no token", () => expect401({}, "missing_token"));
  it("refuses a header that is not a bearer token", () =>
    expect401({ headers: { authorization: "Basic abc" } }, "malformed_token"));
  it("refuses a token from another issuer", async () =>
    expect401(bearer(await token(p, { issuer: "https://evil.test/" })), "wrong_issuer"));
  it("refuses a token for another audience", async () =>
    expect401(bearer(await token(p, { audience: "other-api" })), "wrong_audience"));
  it("refuses an expired token (beyond the clock tolerance)", async () =>
    expect401(bearer(await token(p, { now: Date.now() - 2 * 3600_000, ttlSeconds: 3600 })), "expired"));
  it("refuses alg: none", async () => {
    const unsigned = `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify({ sub: p.sub, roles: p.roles, division: p.divisionCode, iss: "https://issuer.test/", aud: "civicgrid-api", exp: 9999999999 }))}.`;
    await expect401(bearer(unsigned), "algorithm_not_allowed");
  });
  it("refuses HS256 signed with the issuer's public key (key confusion)", async () => {
    const forged = await new SignJWT({ roles: p.roles, division: p.divisionCode })
      .setProtectedHeader({ alg: "HS256", kid: "rsa-1" })
      .setSubject(p.sub)
      .setIssuer("https://issuer.test/")
      .setAudience("civicgrid-api")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(JSON.stringify(keys.rsaPublic)));
    await expect401(bearer(forged), "algorithm_not_allowed");
  });
  it("refuses a token whose kid is not in the JWKS", async () =>
    expect401(bearer(await token(p, { key: "rogue" })), "unknown_key"));
  it("refuses a token whose payload was tampered with", async () => {
    const [h, , s] = (await token(p)).split(".");
    const payload = b64url(
      JSON.stringify({
        sub: p.sub,
        roles: ["platform_admin"],
        division: "440700000000",
        iss: "https://issuer.test/",
        aud: "civicgrid-api",
        exp: 9999999999,
      }),
    );
    await expect401(bearer(`${h}.${payload}.${s}`), "bad_signature");
  });
  it("refuses a validly signed token whose claims lack a jurisdiction", async () => {
    await expect401(bearer(await token({ ...p, divisionCode: "4407" })), "bad_claims");
  });
});

describe("gateway token verification: acceptance", () => {
  it("accepts RS256 and ES256 tokens from the trusted issuer and forwards the principal", async () => {
    for (const key of ["rsa", "ec"] as const) {
      const res = await exports.default.fetch(url, bearer(await token(p, { key })));
      expect(res.status).toBe(200);
      const echo = await res.json<{ service: string; headers: Record<string, string> }>();
      expect(echo.service).toBe("registry");
      expect(echo.headers["x-civicgrid-principal"]).toMatch(/^ey/);
      expect(echo.headers.authorization).toBeUndefined();
    }
  });
  it("tolerates a token that expired a few seconds ago (clock skew)", async () => {
    const res = await exports.default.fetch(
      url,
      bearer(await token(p, { now: Date.now() - 3610_000, ttlSeconds: 3600 })),
    );
    expect(res.status).toBe(200);
  });
});
