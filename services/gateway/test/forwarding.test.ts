import { verifyInternalPrincipal } from "@civicgrid/auth";
import { principals, TEST_INTERNAL_SECRET } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { token } from "./tokens";

type Echo = { service: string; method: string; path: string; headers: Record<string, string>; body: string | null };
const origin = "https://api.civicgrid.test";

describe("gateway forwarding", () => {
  it("routes each /v1 prefix to its service with the verified principal signed for it", async () => {
    const jwt = await token(principals.department);
    const cases: [string, string][] = [
      ["/v1/grids/440703001001001", "registry"],
      ["/v1/workers?limit=5", "roster"],
      ["/v1/cases", "cases"],
      ["/v1/inbox", "notifications"],
      ["/v1/rankings/weekly", "assessments"],
      ["/v1/basedata/submissions?villageCode=440703001001", "basedata"],
    ];
    for (const [path, service] of cases) {
      const res = await exports.default.fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${jwt}` } });
      const echo = await res.json<Echo>();
      expect(echo.service).toBe(service);
      expect(echo.path).toBe(path);
      const principal = await verifyInternalPrincipal(echo.headers["x-civicgrid-principal"], TEST_INTERNAL_SECRET);
      expect(principal).toMatchObject({
        sub: principals.department.sub,
        departmentId: "dept-440703-police",
        roles: ["department"],
      });
      expect(echo.headers["x-request-id"]).toBe(res.headers.get("x-request-id"));
    }
  });

  it("answers the public lookups without a token, each from the service that owns it", async () => {
    const cases: [string, string][] = [
      ["/v1/public/grids/440703001001001", "registry"],
      ["/v1/public/divisions?parentCode=440700000000", "registry"],
      ["/v1/public/addresses?villageCode=440703001001&q=%E5%BB%BA%E8%AE%BE%E8%B7%AF", "basedata"],
      ["/v1/public/cases/nearby?lng=113.08&lat=22.58", "cases"],
    ];
    for (const [path, service] of cases) {
      const echo = await (await exports.default.fetch(`${origin}${path}`)).json<Echo>();
      expect(echo.service, path).toBe(service);
      expect(echo.headers["x-civicgrid-principal"], path).toBeUndefined();
    }
  });

  it("never passes a caller-supplied principal header, Authorization or cookies on", async () => {
    const res = await exports.default.fetch(`${origin}/v1/public/grids/440703001001001`, {
      headers: { "x-civicgrid-principal": "forged", cookie: "a=b", authorization: "Bearer whatever" },
    });
    const echo = await res.json<Echo>();
    expect(echo.service).toBe("registry");
    expect(echo.headers["x-civicgrid-principal"]).toBeUndefined();
    expect(echo.headers.cookie).toBeUndefined();
    expect(echo.headers.authorization).toBeUndefined();
  });

  it("forwards commands with their body, Idempotency-Key and If-Match", async () => {
    const res = await exports.default.fetch(`${origin}/v1/cases/c1/dispatch`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await token(principals.countyAgency)}`,
        "content-type": "application/json",
        "idempotency-key": "key-12345678",
        "if-match": '"v3"',
      },
      body: JSON.stringify({ departmentId: "dept-440703-police" }),
    });
    const echo = await res.json<Echo>();
    expect(echo).toMatchObject({ service: "cases", method: "POST", body: '{"departmentId":"dept-440703-police"}' });
    expect(echo.headers).toMatchObject({
      "idempotency-key": "key-12345678",
      "if-match": '"v3"',
      "content-type": "application/json",
    });
  });

  it("forwards a resident's follow token and conditional headers on public case routes, with no login", async () => {
    const follow = { "x-follow-token": "0123456789abcdef0123456789abcdef", "if-none-match": '"v4"' };
    const read = await (
      await exports.default.fetch(`${origin}/v1/public/cases/CASE-1`, { headers: follow })
    ).json<Echo>();
    expect(read).toMatchObject({ service: "cases", method: "GET", path: "/v1/public/cases/CASE-1" });
    expect(read.headers).toMatchObject(follow);
    const rate = await exports.default.fetch(`${origin}/v1/public/cases/CASE-1/rate`, {
      method: "POST",
      headers: {
        ...follow,
        "content-type": "application/json",
        "idempotency-key": "key-rate-1234",
        "if-match": '"v9"',
      },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    const echo = await rate.json<Echo>();
    expect(echo).toMatchObject({ service: "cases", method: "POST", path: "/v1/public/cases/CASE-1/rate" });
    expect(echo.headers).toMatchObject({
      "x-follow-token": follow["x-follow-token"],
      "idempotency-key": "key-rate-1234",
      "if-match": '"v9"',
    });
    expect(echo.headers["x-civicgrid-principal"]).toBeUndefined();
  });

  it("answers an unknown /v1 path with 404 problem+json after authentication", async () => {
    const res = await exports.default.fetch(`${origin}/v1/nowhere`, {
      headers: { authorization: `Bearer ${await token(principals.cityAgency)}` },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a body over the configured limit with 413 problem+json, before any service sees it", async () => {
    const res = await exports.default.fetch(`${origin}/v1/cases`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token(principals.gridWorker)}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(4096) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "payload_too_large" });
  });
});

describe("gateway public surface", () => {
  it("merges every service's OpenAPI document into /openapi.json, with bearer security on protected paths", async () => {
    const doc = await (
      await exports.default.fetch(`${origin}/openapi.json`)
    ).json<{
      openapi: string;
      paths: Record<string, Record<string, { tags: string[]; security?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/v1/cases-things"]?.get?.tags).toEqual(["cases"]);
    expect(doc.paths["/v1/roster-things"]?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/healthz"]).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toContain("registryThing");
  });

  it("renders the docs page from the merged document", async () => {
    const res = await exports.default.fetch(`${origin}/docs`);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain("/v1/assessments-things");
    expect(page).toContain("list notifications things");
  });

  it("allows CORS only for configured origins", async () => {
    const preflight = (o: string) =>
      exports.default.fetch(`${origin}/v1/cases`, {
        method: "OPTIONS",
        headers: { origin: o, "access-control-request-method": "POST" },
      });
    expect((await preflight("https://console.example.cn")).headers.get("access-control-allow-origin")).toBe(
      "https://console.example.cn",
    );
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
    // A resident page on the console's origin sends the follow token from the browser.
    expect((await preflight("https://console.example.cn")).headers.get("access-control-allow-headers")).toContain(
      "x-follow-token",
    );
  });

  it("runs a service's scheduled work on demand for a platform administrator only", async () => {
    const run = async (jwt: string, body: unknown) =>
      exports.default.fetch(`${origin}/v1/admin/cron`, {
        method: "POST",
        headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ok = await run(await token(principals.admin), { service: "cases", cron: "*/5 * * * *" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ service: "cases", result: { swept: 0, service: "cases" } });
    const unknown = await run(await token(principals.admin), { service: "cases", cron: "0 3 * * *" });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ errors: [{ field: "body.cron" }] });
    const refused = await run(await token(principals.cityAgency), { service: "cases", cron: "*/5 * * * *" });
    expect(refused.status).toBe(403);
    const bad = await run(await token(principals.admin), { service: "nope" });
    expect(bad.status).toBe(400);
    const problem = await bad.json<{ errors: { field: string }[] }>();
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["body.cron", "body.service"]);
  });
});
