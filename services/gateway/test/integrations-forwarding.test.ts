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
      headers: { "content-type": "application/json", "webhook-id": "msg_1", "webhook-timestamp": "1793000000", "webhook-signature": "v1,abc=", "x-civicgrid-principal": "forged" },
      body: raw,
    });
    const echo = await res.json<Echo>();
    expect(echo).toMatchObject({ service: "integrations", method: "POST", path: "/webhooks/demo-12345", body: raw });
    expect(echo.headers).toMatchObject({ "webhook-id": "msg_1", "webhook-timestamp": "1793000000", "webhook-signature": "v1,abc=", "content-type": "application/json" });
    expect(echo.headers["x-civicgrid-principal"]).toBeUndefined();
  });

  it("forwards Open311 reads and form posts without a token", async () => {
    const read = await (await exports.default.fetch(`${origin}/open311/v2/services.json?jurisdiction_id=440703000000`)).json<Echo>();
    expect(read).toMatchObject({ service: "integrations", path: "/open311/v2/services.json?jurisdiction_id=440703000000" });
    const form = "api_key=k&service_code=M-ENV-003&lat=22.5&long=113.0&description=x";
    const post = await exports.default.fetch(`${origin}/open311/v2/requests.json`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    expect(await post.json<Echo>()).toMatchObject({ service: "integrations", body: form });
  });

  it("still requires a token for the integrations admin routes under /v1", async () => {
    const res = await exports.default.fetch(`${origin}/v1/integrations/deliveries`);
    expect(res.status).toBe(401);
  });
});
