import { operationsOf, operationsWithoutSummary, type OpenApiDocument, type OpenApiOperation } from "@civicgrid/http";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mergeDocuments } from "../src/routes/openapi";

// The merged contract (issue 12 item 7). The stand-in services serve bare documents (no operationId, no
// security, no error answers), so what the merged document says about them is the gateway's doing.
const origin = "https://api.civicgrid.test";
type Response = { content?: Record<string, { schema: unknown }> };

async function merged(): Promise<OpenApiDocument> {
  const res = await exports.default.fetch(`${origin}/openapi.json`);
  expect(res.status).toBe(200);
  return res.json<OpenApiDocument>();
}
const op = (doc: OpenApiDocument, method: string, path: string) => doc.paths?.[path]?.[method] as OpenApiOperation;

describe("the merged OpenAPI document", () => {
  it("names every operation uniquely and summarises each", async () => {
    const doc = await merged();
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(op(doc, "get", "/v1/registry-things").operationId).toBe("getV1RegistryThings");
    expect(operationsWithoutSummary(doc)).toEqual([]);
  });

  it("asks a bearer token of /v1 operations and none of the public gateway ones", async () => {
    const doc = await merged();
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(op(doc, "get", "/v1/cases-things").security).toEqual([{ bearerAuth: [] }]);
    expect(op(doc, "post", "/v1/admin/cron").security).toEqual([{ bearerAuth: [] }]);
    for (const path of ["/healthz", "/openapi.json", "/docs"]) expect(op(doc, "get", path).security).toEqual([]);
  });

  it("documents the error answers of every service's operations against the one Problem schema", async () => {
    const doc = await merged();
    expect(doc.components?.schemas).toHaveProperty("Problem");
    const list = op(doc, "get", "/v1/roster-things");
    const statuses = (o: OpenApiOperation) => Object.keys(o.responses ?? {});
    expect(statuses(list)).toEqual(expect.arrayContaining(["401", "403", "429", "500", "502", "503"]));
    const problem = (list.responses?.["401"] as Response).content?.["application/problem+json"]?.schema;
    expect(problem).toEqual({ $ref: "#/components/schemas/Problem" });
    expect(statuses(op(doc, "post", "/v1/admin/cron"))).toEqual(expect.arrayContaining(["400", "409", "413", "422"]));
  });

  it("keeps every service's components and resolves every reference", async () => {
    const doc = await merged();
    const text = JSON.stringify(doc);
    for (const name of ["registry", "roster", "cases", "notifications", "assessments", "integrations", "basedata"]) {
      expect(doc.components?.schemas).toHaveProperty(`${name}Thing`);
    }
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/([\w.-]+)"/g)) {
      expect(doc.components?.[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
    }
  });

  it("shows the operation ids on the docs page and a lock only where a token is needed", async () => {
    const page = await (await exports.default.fetch(`${origin}/docs`)).text();
    expect(page).toContain("getV1RegistryThings");
    const start = page.indexOf("<code>/healthz</code>");
    const healthz = page.slice(start, page.indexOf("</summary>", start));
    expect(healthz).not.toContain("🔒");
  });
});

describe("merging service documents", () => {
  const ok = { description: "ok" };
  const doc = (paths: OpenApiDocument["paths"], schemas: Record<string, unknown>): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "t", version: "0" },
    paths,
    components: { schemas },
  });

  it("prefixes an operationId another service already took with the service's name", () => {
    const listing = { operationId: "listThings", summary: "l", responses: { 200: ok } };
    const list = (path: string) => ({ [path]: { get: { ...listing } } });
    const out = mergeDocuments(
      [
        ["registry", doc(list("/v1/grids"), {})],
        ["roster", doc(list("/v1/workers"), {})],
      ],
      origin,
    );
    expect(op(out, "get", "/v1/grids").operationId).toBe("listThings");
    expect(op(out, "get", "/v1/workers").operationId).toBe("rosterListThings");
  });

  it("renames a component another service defined differently and rewrites that service's references", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const page = (item: string) => ({ type: "object", properties: { items: { type: "array", items: ref(item) } } });
    const content = { "application/json": { schema: ref("Page") } };
    const returns = (path: string) => ({ [path]: { get: { summary: "s", responses: { 200: { ...ok, content } } } } });
    const out = mergeDocuments(
      [
        ["registry", doc(returns("/v1/grids"), { Page: page("Grid"), Grid: { type: "object" } })],
        ["roster", doc(returns("/v1/workers"), { Page: page("Worker"), Worker: { type: "object" } })],
      ],
      origin,
    );
    expect(out.components?.schemas?.Page).toEqual(page("Grid"));
    expect(out.components?.schemas?.RosterPage).toEqual(page("Worker"));
    const schemaOf = (path: string) =>
      (op(out, "get", path).responses?.["200"] as Response).content?.["application/json"]?.schema;
    expect(schemaOf("/v1/grids")).toEqual({ $ref: "#/components/schemas/Page" });
    expect(schemaOf("/v1/workers")).toEqual({ $ref: "#/components/schemas/RosterPage" });
    expect(Object.keys(out.components?.schemas ?? {}).filter((n) => n.endsWith("Problem"))).toEqual(["Problem"]);
  });

  it("documents Open311 errors in Open311's own shape, JSON or XML", () => {
    const services = { "/open311/v2/services.json": { get: { summary: "s", responses: { 200: ok } } } };
    const out = mergeDocuments([["integrations", doc(services, {})]], origin);
    const read = op(out, "get", "/open311/v2/services.json");
    expect(read.security).toEqual([]);
    const content = (read.responses?.["429"] as Response).content ?? {};
    expect(Object.keys(content).sort()).toEqual(["application/json", "application/problem+json", "text/xml"]);
    expect(content["application/json"]?.schema).toMatchObject({ type: "array" });
  });
});
