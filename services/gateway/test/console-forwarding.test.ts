import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const origin = "https://api.civicgrid.test";
type Echo = { service: string; method: string; path: string; body: string | null };

describe("gateway: the screens (issue 18)", () => {
  it("forwards pages, bundles and the app's settings outside /v1 to the console worker, as they came", async () => {
    for (const path of ["/", "/cases/c-1?tab=timeline", "/h5/", "/assets/console-ABC.js", "/config.json"]) {
      const res = await exports.default.fetch(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json<Echo>()).toMatchObject({ service: "console", method: "GET", path });
    }
    const head = await exports.default.fetch(`${origin}/h5/`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("forwards the development sign-in's token request, and nothing else that writes", async () => {
    const res = await exports.default.fetch(`${origin}/dev/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"sub":"demo-resident"}',
    });
    expect(await res.json<Echo>()).toMatchObject({
      service: "console",
      method: "POST",
      body: '{"sub":"demo-resident"}',
    });
    const other = await exports.default.fetch(`${origin}/somewhere`, { method: "POST", body: "{}" });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
  });

  it("keeps the API's own paths: /v1, /healthz and /openapi.json never reach the console", async () => {
    expect((await exports.default.fetch(`${origin}/v1/nowhere`)).status).toBe(401);
    const health = await exports.default.fetch(`${origin}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, gateway: { ok: true } });
    const doc = await (await exports.default.fetch(`${origin}/openapi.json`)).json<{ openapi: string }>();
    expect(doc.openapi).toBe("3.1.0");
  });
});
