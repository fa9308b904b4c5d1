import type { Health, ServiceName } from "@civicgrid/contracts";
import { operationsOf, operationsWithoutSummary, type OpenApiDocument } from "@civicgrid/http";
import { describe, expect, it } from "vitest";
import { asPrincipal } from "./headers";
import { principals } from "./principals";

interface ServiceEntry {
  health(): Promise<Health>;
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A route as Hono lists it in `app.routes`. */
type AppRoute = { method: string; path: string };

/**
 * What every service must do before anything of its own: answer health over RPC with its migrations
 * applied, refuse a request that did not come through the gateway, and answer an unknown route with
 * 404 problem+json. Each service's suite calls this with its own default export. With `routes` (the app's
 * `app.routes`), it also checks the service's OpenAPI document (see `describeOpenApiContract`).
 */
export function describeServiceBasics(
  service: ServiceName,
  entry: () => ServiceEntry,
  options: { routes?: readonly AppRoute[] } = {},
): void {
  if (options.routes) describeOpenApiContract(service, entry, options.routes);
  describe(`${service} health and identity`, () => {
    it("answers health over RPC with its migrations applied", async () => {
      const health = await entry().health();
      expect(health).toMatchObject({ service, ok: true, database: "ok" });
      expect(health.migrations).toBeGreaterThanOrEqual(1);
    });

    it("refuses a request that did not come through the gateway", async () => {
      const res = await entry().fetch(`http://${service}/v1/anything`);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = await res.json<{ code: string; requestId: string }>();
      expect(body.code).toBe("unauthorized");
      expect(body.requestId).toMatch(/.{8,}/);
    });

    it("answers an unknown route with 404 problem+json for a forwarded caller", async () => {
      const res = await entry().fetch(`http://${service}/v1/nothing-here`, {
        headers: await asPrincipal(principals.cityAgency),
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status: 404, code: "not_found" });
    });
  });
}

/**
 * Issue 12 item 7, an honest contract: every operation of the service's own /openapi.json says what it does (a
 * summary written on the route: the kit never invents one) and has a unique operationId, and every /v1 route
 * the app answers is in the document, so that a route registered outside the OpenAPI routers cannot escape.
 */
function describeOpenApiContract(service: ServiceName, entry: () => ServiceEntry, routes: readonly AppRoute[]): void {
  const documentOf = async (): Promise<OpenApiDocument> => {
    const res = await entry().fetch(`http://${service}/openapi.json`);
    expect(res.status).toBe(200);
    return res.json<OpenApiDocument>();
  };

  describe(`the ${service} OpenAPI document`, () => {
    it("gives every operation a summary and a unique operationId", async () => {
      const doc = await documentOf();
      const operations = operationsOf(doc);
      expect(operations.length).toBeGreaterThan(0);
      expect(operationsWithoutSummary(doc)).toEqual([]);
      const ids = operations.map(({ op }) => op.operationId);
      expect(ids.filter((id) => !id?.trim())).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("documents every route the app answers (but its own /openapi.json)", async () => {
      const documented = operationsOf(await documentOf()).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
      const answered = routes
        .filter((r) => r.method !== "ALL" && r.path !== "/openapi.json")
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
      expect(answered.length).toBeGreaterThan(0);
      expect(new Set(documented)).toEqual(new Set(answered));
    });
  });
}
