import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const origin = "https://api.civicgrid.test";
const SERVICES = ["assessments", "basedata", "cases", "integrations", "notifications", "registry", "roster"] as const;
type Counting = { healthCalls(): Promise<number> };

/** How many times each service stand-in has been asked for its health so far. */
async function healthCalls(): Promise<number[]> {
  return Promise.all(
    SERVICES.map((s) => (env[s.toUpperCase() as Uppercase<typeof s>] as unknown as Counting).healthCalls()),
  );
}

describe("gateway /healthz", () => {
  it("answers from the gateway alone by default: 200, and no service is asked", async () => {
    const before = await healthCalls();
    for (const path of ["/healthz", "/healthz?deep=0"]) {
      const res = await exports.default.fetch(`${origin}${path}`);
      expect(res.status).toBe(200);
      const body = await res.json<{ ok: boolean; gateway: { ok: boolean }; services?: unknown }>();
      expect(body).toMatchObject({ ok: true, gateway: { ok: true } });
      expect(body.services).toBeUndefined();
    }
    expect(await healthCalls()).toEqual(before);
  });

  it("with deep=1 asks every service once and reports each one's health", async () => {
    const before = await healthCalls();
    const res = await exports.default.fetch(`${origin}/healthz?deep=1`);
    expect(res.status).toBe(200);
    const body = await res.json<{ ok: boolean; services: Record<string, { ok: boolean }> }>();
    expect(body.ok).toBe(true);
    expect(Object.keys(body.services).sort()).toEqual([...SERVICES]);
    expect(await healthCalls()).toEqual(before.map((n) => n + 1));
  });

  it("refuses a deep that is neither 0 nor 1 with problem+json naming query.deep", async () => {
    const res = await exports.default.fetch(`${origin}/healthz?deep=yes`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.stringify(await res.json())).toContain("query.deep");
  });
});
