import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bodyLimitOf } from "../src/domain/body-limits";
import { token } from "./tokens";

// The gateway's body limit (services/gateway/src/domain/body-limits.ts): every route at MAX_BODY_BYTES (2,048 in
// these tests), except a ledger upload, POST /v1/basedata/imports, at MAX_IMPORT_BODY_BYTES — here the real
// wrangler.toml value, 50 MiB, which these tests do not override.
type Echo = { service: string; path: string; body: string | null; headers: Record<string, string> };
const origin = "https://api.civicgrid.test";
const MiB = 1024 * 1024;

async function post(path: string, body: BodyInit, method = "POST") {
  return exports.default.fetch(`${origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(principals.countyAgency)}`, "content-type": "text/csv" },
    body,
  });
}

/** A body that arrives in pieces, with no Content-Length: the gateway must count it as it reads. */
function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      if (left === 0) return controller.close();
      const chunk = new Uint8Array(Math.min(MiB, left)).fill(0x41);
      left -= chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe("the gateway's request body limit", () => {
  it("lets a ledger upload of exactly 50 MiB through to basedata, whole and with its length", async () => {
    const res = await post("/v1/basedata/imports", new Uint8Array(50 * MiB).fill(0x41));
    expect(res.status).toBe(200);
    const echo = await res.json<Echo>();
    expect(echo).toMatchObject({ service: "basedata", path: "/v1/basedata/imports", body: `<${50 * MiB} bytes>` });
    // The service streams it on to R2, which needs the length up front.
    expect(echo.headers["content-length"]).toBe(String(50 * MiB));
  });

  it("refuses an upload one byte over 50 MiB, whether it declares its length or streams", async () => {
    for (const body of [new Uint8Array(50 * MiB + 1), streamOf(50 * MiB + 1)]) {
      const res = await post("/v1/basedata/imports", body);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({
        code: "payload_too_large",
        detail: `the body exceeds ${50 * MiB} bytes`,
      });
    }
  });

  it("keeps every other route, even below the import route or with another method, at MAX_BODY_BYTES", async () => {
    const body = "x".repeat(4096);
    const cases: [string, string][] = [
      ["POST", "/v1/basedata/submissions"],
      ["POST", "/v1/basedata/imports/imp-1/retry"],
      ["PUT", "/v1/basedata/imports"],
      ["POST", "/v1/cases"],
    ];
    for (const [method, path] of cases) {
      const res = await post(path, body, method);
      expect(res.status, `${method} ${path}`).toBe(413);
      expect(await res.json()).toMatchObject({ detail: "the body exceeds 2048 bytes" });
    }
    const small = await post("/v1/basedata/submissions", "x".repeat(2048));
    expect(await small.json<Echo>()).toMatchObject({ service: "basedata", body: "x".repeat(2048) });
  });

  it("reads the limit of a route by method and exact path", () => {
    const limits = { MAX_BODY_BYTES: 1 * MiB, MAX_IMPORT_BODY_BYTES: 50 * MiB };
    expect(bodyLimitOf("post", "/v1/basedata/imports", limits)).toBe(50 * MiB);
    expect(bodyLimitOf("POST", "/v1/basedata/imports/", limits)).toBe(MiB);
    expect(bodyLimitOf("GET", "/v1/basedata/imports", limits)).toBe(MiB);
    expect(bodyLimitOf("POST", "/v1/basedata/submissions", limits)).toBe(MiB);
  });
});
