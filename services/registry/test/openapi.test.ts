import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { base, call, json, principals } from "./fixtures";

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

/**
 * Where a generated schema says "this component, and also null": `allOf` of a $ref and a nullable type. No
 * value is both an object of the component and null, so such a field can never answer null, though the zod
 * schema allows it (the batch lookup's nulls, a division without boundary).
 */
function nullableRefs(node: unknown, at: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n, i) => nullableRefs(n, `${at}/${i}`, out));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const parts = Array.isArray(o.allOf) ? (o.allOf as Record<string, unknown>[]) : [];
    if (
      parts.some((p) => "$ref" in p) &&
      parts.some((p) => p.type === "null" || (Array.isArray(p.type) && p.type.includes("null")) || p.nullable === true)
    )
      out.push(at);
    for (const [k, v] of Object.entries(o)) nullableRefs(v, `${at}/${k}`, out);
  }
  return out;
}

describe("OpenAPI document", () => {
  it("is generated from the route schemas and lists every registry path", async () => {
    const res = await exports.default.fetch(`${base}/openapi.json`);
    const text = await res.text();
    expect(res.status, text.slice(0, 500)).toBe(200);
    const doc = JSON.parse(text) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/divisions/{code}/subtree",
        "/v1/grids/{code}/history",
        "/v1/layouts/{id}/changes",
        "/v1/layouts/{id}/accept",
        "/v1/lookup/batch",
        "/v1/public/grids/locate",
        "/v1/public/grids/{code}",
        "/v1/public/matters/lists/{countyCode}",
        "/v1/matters/change-requests/{id}/approve",
        "/v1/matters/admission",
      ]),
    );
  });
});

describe("answers match their documented schemas", () => {
  it("documents no component that could never be null where the answer may be null", async () => {
    const doc = (await (await exports.default.fetch(`${base}/openapi.json`)).json()) as Doc;
    expect(nullableRefs(doc, "#")).toEqual([]);
  });

  it("documents the batch lookup's null for a point outside every grid", async () => {
    const doc = (await (await exports.default.fetch(`${base}/openapi.json`)).json()) as Doc;
    const schema = doc.paths["/v1/lookup/batch"]?.post?.responses["200"]?.content?.["application/json"]?.schema as {
      properties: { results: { items: { anyOf?: unknown[] } } };
    };
    expect(schema.properties.results.items.anyOf).toEqual([
      { $ref: "#/components/schemas/PointLocation" },
      { type: "null" },
    ]);
    const answer = await json<{ results: unknown[] }>(
      await call(principals.countyAgency, "POST", "/v1/lookup/batch", { points: [{ lng: 100, lat: 10 }] }),
      200,
    );
    expect(answer.results).toEqual([null]);
  });
});
