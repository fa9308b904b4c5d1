import { principals } from "@civicgrid/testing";
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";
import { bearer, token } from "./tokens";

const control = "https://idp-outage.test/control";

/** The gateway app as deployed, but trusting the failing identity provider at `/<mode>/jwks.json`. */
async function callWithIdp(mode: string, init: RequestInit) {
  const idpEnv = { ...env, AUTH_JWKS_URL: `https://idp-outage.test/${mode}/jwks.json` };
  return app.fetch(new Request("https://api.civicgrid.test/v1/grids", init), idpEnv, createExecutionContext());
}

async function expectOutage(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(res.headers.get("www-authenticate")).toBeNull();
  expect(await res.json()).toMatchObject({ status: 503, code: "unavailable", reason: "jwks_unavailable" });
}

const fetches = async (mode: string) =>
  (await (await fetch(`${control}/fetches?path=/${mode}/jwks.json`)).json<{ fetches: number }>()).fetches;

describe("gateway: the identity provider's keys cannot be loaded", () => {
  for (const mode of ["status-503", "not-json", "not-a-key-set", "unreachable"]) {
    it(`answers a valid token 503 with Retry-After, not 401, when the JWKS is ${mode}`, async () => {
      await expectOutage(await callWithIdp(mode, bearer(await token(principals.countyAgency))));
    });
  }

  it("answers 503 when the JWKS fetch times out", { timeout: 15_000 }, async () => {
    await expectOutage(await callWithIdp("slow", bearer(await token(principals.countyAgency))));
  });

  it("still answers a token problem 401 during an outage (no token, not a JWT)", async () => {
    for (const init of [{}, { headers: { authorization: "Bearer not-a-jwt" } }]) {
      const res = await callWithIdp("status-503", init);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("invalid_token");
    }
  });
});

const RECOVERY = { timeout: 15_000 };

describe("gateway: recovery from an identity provider outage", () => {
  it(
    "backs off briefly without refetching, then accepts the same token once the keys load again",
    RECOVERY,
    async () => {
      const jwt = await token(principals.countyAgency);
      await expectOutage(await callWithIdp("recovering", bearer(jwt)));
      const fetchedOnce = await fetches("recovering");
      expect(fetchedOnce).toBe(1);
      // Within the backoff the provider is not asked again, and the answer says when to come back.
      const during = await callWithIdp("recovering", bearer(jwt));
      await expectOutage(during);
      expect(await fetches("recovering")).toBe(fetchedOnce);

      await fetch(`${control}/up?path=/recovering/jwks.json`, { method: "POST" });
      await new Promise((resolve) => setTimeout(resolve, 5_100));
      // The outage was never remembered as "bad token": the same token now passes, with no restart.
      const after = await callWithIdp("recovering", bearer(jwt));
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ service: "registry" });
    },
  );
});
