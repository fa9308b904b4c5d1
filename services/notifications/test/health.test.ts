import { principals, asPrincipal } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("notifications health and identity", () => {
  it("answers health over RPC with its migrations applied", async () => {
    const health = await exports.default.health();
    expect(health).toMatchObject({ service: "notifications", ok: true, database: "ok" });
    expect(health.migrations).toBeGreaterThanOrEqual(1);
    expect(env.DB).toBeDefined();
  });

  it("refuses a request that did not come through the gateway", async () => {
    const res = await exports.default.fetch("http://notifications/v1/divisions");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json<{ code: string; requestId: string }>();
    expect(body.code).toBe("unauthorized");
    expect(body.requestId).toMatch(/.{8,}/);
  });

  it("answers an unknown route with 404 problem+json for a forwarded caller", async () => {
    const res = await exports.default.fetch("http://notifications/v1/nothing-here", { headers: await asPrincipal(principals.cityAgency) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, code: "not_found" });
  });
});
