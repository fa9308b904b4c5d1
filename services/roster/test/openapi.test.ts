import { operationsOf, operationsWithoutSummary, type OpenApiDocument } from "@civicgrid/http";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";

/**
 * Issue 12 item 7, an honest contract: every roster operation says what it does (a summary written on the
 * route: the kit never invents one) and has a unique operationId, and every /v1 route the app answers is in
 * the document, so that a route registered outside the OpenAPI routers cannot escape the check.
 */
async function rosterDocument(): Promise<OpenApiDocument> {
  const res = await exports.default.fetch("http://roster/openapi.json");
  expect(res.status).toBe(200);
  return res.json<OpenApiDocument>();
}

describe("the roster OpenAPI document", () => {
  it("gives every operation a summary and a unique operationId", async () => {
    const doc = await rosterDocument();
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(0);
    expect(operationsWithoutSummary(doc)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !id?.trim())).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents every /v1 route the app answers", async () => {
    const documented = operationsOf(await rosterDocument()).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    const answered = app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/v1/"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(documented)).toEqual(new Set(answered));
  });
});
