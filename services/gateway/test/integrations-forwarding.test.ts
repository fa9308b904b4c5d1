import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

type Echo = { service: string; method: string; path: string; headers: Record<string, string>; body: string | null };
const origin = "https://api.civicgrid.test";

describe("gateway forwarding to integrations", () => {
  it("forwards a platform webhook without a token, byte-exact, with its signature headers and no principal", async () => {
    // Odd spacing and key order: a re-serialised body would break the platform's signature.
    const raw = '{ "type":"work_order.created",  "data":{"title":"占道 经营"} }';
    const res = await exports.default.fetch(`${origin}/webhooks/demo-12345`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_1",
        "webhook-timestamp": "1793000000",
        "webhook-signature": "v1,abc=",
        "x-civicgrid-principal": "forged",
      },
      body: raw,
    });
    const echo = await res.json<Echo>();
    expect(echo).toMatchObject({ service: "integrations", method: "POST", path: "/webhooks/demo-12345", body: raw });
    expect(echo.headers).toMatchObject({
      "webhook-id": "msg_1",
      "webhook-timestamp": "1793000000",
      "webhook-signature": "v1,abc=",
      "content-type": "application/json",
    });
    expect(echo.headers["x-civicgrid-principal"]).toBeUndefined();
  });

  it("forwards Open311 reads and form posts without a token", async () => {
    const read = await (
      await exports.default.fetch(`${origin}/open311/v2/services.json?jurisdiction_id=440703000000`)
    ).json<Echo>();
    expect(read).toMatchObject({
      service: "integrations",
      path: "/open311/v2/services.json?jurisdiction_id=440703000000",
    });
    const form = "api_key=k&service_code=M-ENV-003&lat=22.5&long=113.0&description=x";
    const post = await exports.default.fetch(`${origin}/open311/v2/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(await post.json<Echo>()).toMatchObject({ service: "integrations", body: form });
  });

  it("refuses a too-large Open311 body in Open311's own error format, JSON or XML as the path asks", async () => {
    const body = `api_key=k&service_code=0801&description=${"很".repeat(1000)}`;
    const init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body };
    const json = await exports.default.fetch(`${origin}/open311/v2/requests.json`, init);
    expect(json.status).toBe(413);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    const errors = await json.json<{ code: number; description: string }[]>();
    expect(errors).toEqual([{ code: 413, description: expect.stringMatching(/exceeds 2048 bytes/) }]);
    const xml = await exports.default.fetch(`${origin}/open311/v2/requests.xml`, init);
    expect(xml.status).toBe(413);
    expect(xml.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await xml.text()).toMatch(/<errors><error><code>413<\/code><description>the body exceeds 2048 bytes/);
  });

  it("still answers problem+json for a too-large body elsewhere", async () => {
    const res = await exports.default.fetch(`${origin}/webhooks/demo-12345`, {
      method: "POST",
      body: "x".repeat(3000),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("still requires a token for the integrations admin routes under /v1", async () => {
    const res = await exports.default.fetch(`${origin}/v1/integrations/deliveries`);
    expect(res.status).toBe(401);
  });
});
