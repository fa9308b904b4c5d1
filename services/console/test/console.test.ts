import { exports } from "cloudflare:workers";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

const origin = "http://127.0.0.1:8787";
const get = (path: string, init?: RequestInit) => exports.default.fetch(`${origin}${path}`, init);

describe("console worker: pages", () => {
  // Miniflare reads the asset directory's manifest on the first asset request: seconds on a loaded 2-core machine.
  beforeAll(() => get("/").then((r) => r.body?.cancel()), 120_000);

  it("serves the console at / and the resident pages at /h5/, each an HTML page naming its bundle, with a CSP", async () => {
    for (const [path, entry] of [
      ["/", /\/assets\/console-[A-Z0-9]+\.js/],
      ["/h5/", /\/assets\/resident-[A-Z0-9]+\.js/],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toMatch(entry);
    }
  });

  it("answers a client-side route with its app's page, and a missing file with 404", async () => {
    const deep = await (await get("/cases/c-123")).text();
    expect(deep).toMatch(/\/assets\/console-/);
    const h5 = await (await get("/h5/follow/c-123")).text();
    expect(h5).toMatch(/\/assets\/resident-/);
    expect((await get("/assets/missing-ABC.js")).status).toBe(404);
  });

  it("serves hashed bundles as immutable", async () => {
    const html = await (await get("/")).text();
    const src = /src="(\/assets\/console-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const res = await get(src as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("tells the app its public settings, and no secret", async () => {
    const res = await get("/config.json");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ oidc: null, map: { tileUrl: null, attribution: "" }, devSignIn: true });
    expect(JSON.stringify(body)).not.toContain("DEV_");
  });
});

describe("console worker: development sign-in", () => {
  it("lists the demo users without their keys", async () => {
    const res = await get("/dev/users");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { sub: "demo-county-agency-440703", name: "县级中心（演示）", roles: ["agency"], divisionCode: "440703" },
    ]);
  });

  it("mints a dev issuer token carrying the user's claims for the gateway's issuer and audience", async () => {
    const res = await get("/dev/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "demo-county-agency-440703" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { access_token, token_type, expires_in } = await res.json<{
      access_token: string;
      token_type: string;
      expires_in: number;
    }>();
    expect(token_type).toBe("Bearer");
    expect(expires_in).toBe(8 * 3600);
    expect(decodeProtectedHeader(access_token)).toMatchObject({ alg: "ES256", kid: "dev-test" });
    expect(decodeJwt(access_token)).toMatchObject({
      sub: "demo-county-agency-440703",
      iss: "http://127.0.0.1:8787/dev",
      aud: "civicgrid-api",
      roles: ["agency"],
      division: "440703",
    });
  });

  it("refuses an unknown user or a body without one, naming the field", async () => {
    for (const body of [{ sub: "nobody" }, {}]) {
      const res = await get("/dev/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const problem = await res.json<{ errors: { field: string }[] }>();
      expect(problem.errors.map((e) => e.field)).toEqual([expect.stringMatching(/sub$/)]);
    }
  });
});
