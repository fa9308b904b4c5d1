import { operationsWithoutSummary, type OpenApiDocument } from "@civicgrid/http";
import { asPrincipal, principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { base, seedPlatform } from "./helpers";

/** Every value a path parameter is tried with: a real platform, ids of every shape, and nonsense. */
const PARAM_VALUES = ["test-12345", "1", "msg_0123456789abcdef0123456789", "M-ENV-003.json", "x"];
const BODIES: (string | undefined)[] = [
  undefined,
  "{}",
  "not json",
  JSON.stringify({ graceHours: -1, id: 7, categoryMap: [] }),
];

beforeAll(() => seedPlatform());

describe("no 5xx", () => {
  it("answers every operation of the service's document as the platform admin without a 5xx", async () => {
    const doc = await (
      await exports.default.fetch(`${base}/openapi.json`)
    ).json<{ paths: Record<string, Record<string, unknown>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => [method.toUpperCase(), path] as const),
    );
    expect(operations.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const [method, path] of operations) {
      for (const value of PARAM_VALUES) {
        const url = `${base}${path.replace(/\{[^}]+\}/g, value)}?jurisdiction_id=440703000000&status=&limit=`;
        for (const body of method === "GET" ? [undefined] : BODIES) {
          const headers = {
            ...(await asPrincipal(principals.admin)),
            "content-type": "application/json",
            "if-match": '"v1"',
          };
          const res = await exports.default.fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
          if (res.status >= 500) failures.push(`${method} ${url} ${body ?? ""} → ${res.status}: ${await res.text()}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("the service's contract", () => {
  it("documents every operation with a summary, and Open311 errors as error arrays in JSON and text/xml", async () => {
    const doc = await (await exports.default.fetch(`${base}/openapi.json`)).json<OpenApiDocument>();
    expect(operationsWithoutSummary(doc)).toEqual([]);
    const post = doc.paths?.["/open311/v2/requests.xml"]?.post as {
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(Object.keys(post.responses["413"]?.content ?? {})).toEqual(["application/json", "text/xml"]);
    expect(Object.keys(post.responses["200"]?.content ?? {})).toEqual(["application/json", "text/xml"]);
  });
});
