import { jsonAs, principals } from "@civicgrid/testing";
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const base = "https://svc.test";
const p = principals.cityAgency;
type Problem = {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
  detail?: string;
  requestId?: string;
};

describe("validation problems", () => {
  it("names every field at fault in an RFC 9457 answer", async () => {
    const res = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "", tags: ["toolongtag"] }));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json<Problem>();
    expect(body.code).toBe("validation_failed");
    expect(body.errors?.map((e) => e.field).sort()).toEqual(["body.tags.0", "body.text"]);
  });

  it("names the query parameter at fault", async () => {
    const res = await SELF.fetch(`${base}/v1/notes?limit=5000`, await jsonAs(p, "GET"));
    expect((await res.json<Problem>()).errors?.[0]?.field).toBe("query.limit");
  });

  it("answers a body that is not JSON with 400 naming the body", async () => {
    const init = await jsonAs(p, "POST");
    const res = await SELF.fetch(`${base}/v1/notes`, { ...init, body: "{not json" });
    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).errors?.[0]?.field).toBe("body");
  });

  it("answers an unexpected error with 500 and no internals", async () => {
    const res = await SELF.fetch(`${base}/v1/boom`, await jsonAs(p, "GET"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toMatchObject({ code: "internal", requestId: res.headers.get("x-request-id") });
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored answer for the same key and body, with one effect", async () => {
    const key = { "idempotency-key": `create-${crypto.randomUUID()}` };
    const first = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "once" }, key));
    const second = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "once" }, key));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    const count = await env.DB.prepare("SELECT count(*) AS n FROM notes WHERE text = 'once'").first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("refuses the same key with another body (422)", async () => {
    const key = { "idempotency-key": `reuse-${crypto.randomUUID()}` };
    await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "first" }, key));
    const res = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "second" }, key));
    expect(res.status).toBe(422);
    expect(await res.json<Problem>()).toMatchObject({
      code: "idempotency_key_reused",
      errors: [{ field: "header.idempotency-key" }],
    });
  });

  it("refuses a repeat while the first request is still running (409)", async () => {
    const key = { "idempotency-key": `slow-${crypto.randomUUID()}` };
    const first = SELF.fetch(`${base}/v1/slow`, await jsonAs(p, "POST", {}, key));
    await new Promise((r) => setTimeout(r, 50));
    const second = await SELF.fetch(`${base}/v1/slow`, await jsonAs(p, "POST", {}, key));
    expect(second.status).toBe(409);
    expect((await second.json<Problem>()).code).toBe("idempotency_in_flight");
    expect((await first).status).toBe(201);
  });

  it("keeps keys of different callers apart", async () => {
    const key = { "idempotency-key": `shared-${crypto.randomUUID()}` };
    const a = await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "a" }, key));
    const b = await SELF.fetch(`${base}/v1/notes`, await jsonAs(principals.countyAgency, "POST", { text: "b" }, key));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("ETag and If-Match", () => {
  it("requires If-Match (428), refuses a stale one (412) and accepts the current one", async () => {
    const created = await (
      await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: "v1" }))
    ).json<{ id: number }>();
    const url = `${base}/v1/notes/${created.id}`;
    expect((await SELF.fetch(url, await jsonAs(p, "PUT", { text: "v2" }))).status).toBe(428);
    const ok = await SELF.fetch(url, await jsonAs(p, "PUT", { text: "v2" }, { "if-match": '"v1"' }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"v2"');
    const stale = await SELF.fetch(url, await jsonAs(p, "PUT", { text: "v3" }, { "if-match": '"v1"' }));
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ code: "precondition_failed", currentVersion: 2 });
  });
});

describe("cursor pagination", () => {
  it("walks every item exactly once and refuses a forged cursor", async () => {
    for (let i = 0; i < 7; i++) await SELF.fetch(`${base}/v1/notes`, await jsonAs(p, "POST", { text: `page-${i}` }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page: { items: { id: number }[]; nextCursor: string | null } = await (
        await SELF.fetch(`${base}/v1/notes?limit=3${q}`, await jsonAs(p, "GET"))
      ).json();
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await env.DB.prepare("SELECT count(*) AS n FROM notes").first<{ n: number }>();
    expect(seen.length).toBe(total?.n);
    const bad = await SELF.fetch(`${base}/v1/notes?cursor=bm9wZQ`, await jsonAs(p, "GET"));
    expect((await bad.json<Problem>()).errors?.[0]?.field).toBe("query.cursor");
  });
});

describe("identity", () => {
  it("refuses a caller without the gateway's principal and serves the OpenAPI document", async () => {
    expect((await SELF.fetch(`${base}/v1/notes`)).status).toBe(401);
    const doc = await (
      await SELF.fetch(`${base}/openapi.json`)
    ).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/notes", "/v1/notes/{id}"]));
  });
});
