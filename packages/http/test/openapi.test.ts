import { jsonAs, principals } from "@civicgrid/testing";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  completeDocument,
  operationsOf,
  operationsWithoutSummary,
  type OpenApiDocument,
  type OpenApiOperation,
} from "../src";

// The honest contract (issue 12 item 7), done once in the kit: every service's /openapi.json names each
// operation uniquely, says who may call it and documents every error it can answer.
const base = "https://svc.test";
type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: unknown }>;
};

async function fixtureDocument(): Promise<OpenApiDocument> {
  const res = await SELF.fetch(`${base}/openapi.json`);
  expect(res.status).toBe(200);
  return res.json<OpenApiDocument>();
}
const op = (doc: OpenApiDocument, method: string, path: string) => doc.paths?.[path]?.[method] as OpenApiOperation;
const statuses = (o: OpenApiOperation) => Object.keys(o.responses ?? {}).map(Number);

describe("the kit's OpenAPI document", () => {
  it("gives every operation a unique operationId, from method and path unless the route names one", async () => {
    const doc = await fixtureDocument();
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(op(doc, "post", "/v1/notes").operationId).toBe("postV1Notes");
    expect(op(doc, "put", "/v1/notes/{id}").operationId).toBe("putV1NotesId");
    expect(op(doc, "get", "/v1/notes").operationId).toBe("listNotes");
  });

  it("has a summary on every operation", async () => {
    expect(operationsWithoutSummary(await fixtureDocument())).toEqual([]);
  });

  it("declares the bearer scheme and requires it except under the public prefixes", async () => {
    const doc = await fixtureDocument();
    const bearer = { type: "http", scheme: "bearer", bearerFormat: "JWT" };
    expect(doc.components?.securitySchemes?.bearerAuth).toEqual(bearer);
    expect(op(doc, "post", "/v1/notes").security).toEqual([{ bearerAuth: [] }]);
    expect(op(doc, "get", "/v1/public/notes/{id}").security).toEqual([]);
  });

  it("documents the error answers each operation can give, as problem+json with the Problem schema", async () => {
    const doc = await fixtureDocument();
    const required = expect.arrayContaining(["type", "title", "status", "code"]);
    expect(doc.components?.schemas?.Problem).toMatchObject({ type: "object", required });
    const create = op(doc, "post", "/v1/notes");
    expect(statuses(create)).toEqual([201, 400, 401, 403, 409, 413, 415, 422, 429, 500, 502, 503]);
    const invalid = create.responses?.["400"] as Response;
    const problem = { schema: { $ref: "#/components/schemas/Problem" } };
    expect(invalid.content).toEqual({ "application/problem+json": problem });
    expect((create.responses?.["409"] as Response).headers).toHaveProperty("Retry-After");
    expect(statuses(op(doc, "put", "/v1/notes/{id}"))).toEqual(expect.arrayContaining([404, 409, 412, 428]));
    const list = statuses(op(doc, "get", "/v1/notes"));
    expect(list).toEqual(expect.arrayContaining([400, 401, 403, 429]));
    expect(list).not.toContain(409);
    expect(list).not.toContain(404);
  });

  it("keeps what a route declares itself and asks no token of a public route", async () => {
    const read = op(await fixtureDocument(), "get", "/v1/public/notes/{id}");
    expect((read.responses?.["404"] as Response).description).toBe("no such public note");
    expect(statuses(read)).not.toContain(401);
  });

  it("documents the statuses the kit really answers", async () => {
    const doc = await fixtureDocument();
    const p = principals.cityAgency;
    const created = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "doc" }));
    const { id } = await created.json<{ id: number }>();
    const put = async (noteId: number, headers: Record<string, string> = {}) =>
      SELF.fetch(`${base}/v1/notes/${noteId}`, await jsonAs(p, "PUT", { text: "x" }, headers));
    const answers: [string, string, globalThis.Response][] = [
      ["put", "/v1/notes/{id}", await put(id)],
      ["put", "/v1/notes/{id}", await put(999999, { "if-match": '"v1"' })],
      ["post", "/v1/notes", await SELF.fetch(`${base}/v1/notes`, { method: "POST", body: "{}" })],
      ["post", "/v1/notes", await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "" }))],
      ["get", "/v1/public/notes/{id}", await SELF.fetch(`${base}/v1/public/notes/999999`)],
    ];
    expect(answers.map(([, , res]) => res.status)).toEqual([428, 404, 401, 400, 404]);
    for (const [method, path, res] of answers) {
      const documented = op(doc, method, path).responses?.[String(res.status)] as Response;
      expect(documented, `${method} ${path} ${res.status}`).toBeDefined();
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("completing a document", () => {
  const bare = (paths: Record<string, Record<string, OpenApiOperation>>): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "t", version: "0" },
    paths,
  });

  it("lists operations without a summary instead of inventing one", () => {
    const doc = completeDocument(bare({ "/v1/things": { get: { responses: { 200: { description: "ok" } } } } }));
    expect(op(doc, "get", "/v1/things").summary).toBeUndefined();
    expect(operationsWithoutSummary(doc)).toEqual(["GET /v1/things"]);
  });

  it("keeps operationIds unique when paths derive the same one or routes name the same one", () => {
    const ok = { summary: "s", responses: { 200: { description: "ok" } } };
    const doc = completeDocument(
      bare({
        "/v1/foo-bar": { get: { ...ok } },
        "/v1/foo_bar": { get: { ...ok } },
        "/v1/a": { get: { ...ok, operationId: "getV1FooBar" } },
        "/v1/b": { get: { ...ok, operationId: "same" }, post: { ...ok, operationId: "same" } },
      }),
    );
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(ids).toEqual(["getV1FooBar2", "getV1FooBar3", "getV1FooBar", "same", "same2"]);
  });
});
