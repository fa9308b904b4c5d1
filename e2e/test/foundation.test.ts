import { describe, expect, it } from "vitest";
import { call } from "./client";

const DEMO_ROLES = [
  "demo-platform-admin",
  "demo-city-agency",
  "demo-county-agency-440703",
  "demo-township-agency",
  "demo-village-agency",
  "demo-department-440703-police",
  "demo-grid-worker",
  "demo-hr",
  "demo-resident",
];
const SERVICE_PATHS: Record<string, string> = {
  registry: "/v1/divisions",
  roster: "/v1/departments",
  cases: "/v1/cases",
  notifications: "/v1/inbox",
  assessments: "/v1/rankings",
  basedata: "/v1/basedata/settings/440703000000",
};

describe("the running system, through the gateway", () => {
  it("is healthy: every service reads its own migrated database", async () => {
    const res = await call("/healthz?deep=1");
    expect(res.status).toBe(200);
    const services = res.json.services as Record<string, { ok: boolean; migrations: number }>;
    expect(Object.keys(services).sort()).toEqual([
      "assessments",
      "basedata",
      "cases",
      "integrations",
      "notifications",
      "registry",
      "roster",
    ]);
    for (const health of Object.values(services)) {
      expect(health.ok).toBe(true);
      expect(health.migrations).toBeGreaterThanOrEqual(1);
    }
  });

  it("serves the merged OpenAPI 3.1 document and the docs page", async () => {
    const doc = await call("/openapi.json");
    expect(doc.json.openapi).toBe("3.1.0");
    expect(Object.keys(doc.json.paths as object)).toContain("/healthz");
    const page = await call("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain("civicgrid API");
  });

  it("lets a token of every demo role through to every service (the service, not the gateway, answers)", async () => {
    for (const sub of DEMO_ROLES) {
      for (const [service, path] of Object.entries(SERVICE_PATHS)) {
        const res = await call(path, { as: sub });
        expect(res.status, `${sub} → ${service}`).not.toBe(401);
        expect(res.status, `${sub} → ${service}`).toBeLessThan(500);
        expect(res.headers.get("x-request-id")).toBeTruthy();
      }
    }
  });

  it("refuses a missing or forged token with 401 problem+json", async () => {
    const missing = await call("/v1/cases");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.json).toMatchObject({ code: "unauthorized", reason: "missing_token" });
    const forged = await call("/v1/cases", {
      headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." },
    });
    expect(forged.status).toBe(401);
    expect(forged.json).toMatchObject({ code: "unauthorized" });
  });

  it("runs scheduled work on demand for a platform administrator, and refuses anyone else", async () => {
    const refused = await call("/v1/admin/cron", {
      as: "demo-city-agency",
      body: { service: "cases", cron: "*/5 * * * *" },
    });
    expect(refused.status).toBe(403);
    const unknown = await call("/v1/admin/cron", {
      as: "demo-platform-admin",
      body: { service: "roster", cron: "0 0 31 2 *" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({ errors: [{ field: "body.cron" }] });
  });
});
