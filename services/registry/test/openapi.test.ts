import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { base } from "./fixtures";

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
