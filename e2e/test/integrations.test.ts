import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { call, origin } from "./client";
import { command, eventually, read } from "./cases-client";
import { pointIn, WORKER_GRID } from "./places";

const secrets = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../.dev/secrets.json"), "utf8")) as {
  PLATFORM_SECRETS: string;
};
const platformSecrets = (JSON.parse(secrets.PLATFORM_SECRETS) as Record<string, string[]>)["demo-12345"]!;
const [secret] = platformSecrets;

type ReceivedCallback = {
  webhookId: string;
  rawBody: string;
  headers: Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string>;
};

/** `new Webhook(secret).verify(rawBody, headers)` with each active secret of the demo platform (rotation: two). */
function verifiedBySomeSecret(rawBody: string, headers: Record<string, string>): boolean {
  return platformSecrets.some((s) => {
    try {
      new Webhook(s).verify(rawBody, headers);
      return true;
    } catch {
      return false;
    }
  });
}

/** Signs as the Standard Webhooks spec says: base64 HMAC-SHA256 over `id.timestamp.body` with the whsec_ key. */
function signed(body: string) {
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret!.slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `v1,${signature}`,
    "content-type": "application/json",
  };
}

async function push(body: string, headers: Record<string, string>) {
  const res = await fetch(`${origin}/webhooks/demo-12345`, { method: "POST", headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("a 12345 hotline work order arriving by webhook", () => {
  it(
    "creates a case once, and every change of it goes back to the platform as a signed callback",
    { timeout: 200_000 },
    async () => {
      const orderId = `12345-${Date.now()}`;
      const body = JSON.stringify({
        type: "work_order.created",
        data: {
          orderId,
          categoryCode: "12345-0201",
          divisionCode: "440703",
          ...pointIn(WORKER_GRID),
          title: "楼道消防栓损坏",
          description: "市民来电：3栋楼道消防栓玻璃破损",
          reportedAt: new Date().toISOString(),
        },
      });
      const headers = signed(body);
      const first = await push(body, headers);
      expect(first.status, JSON.stringify(first.json)).toBeLessThan(300);
      const caseId = first.json.caseId as string;
      expect(caseId).toMatch(/^CASE-/);
      const again = await push(body, headers);
      expect(again.json.caseId).toBe(caseId);

      const tampered = await push(body.replace("3栋", "4栋"), headers);
      expect(tampered.status).toBe(401);

      let c = await read("demo-county-agency-440703", caseId);
      expect(c).toMatchObject({ source: "platform", external: { platform: "demo-12345", orderId } });
      if (c.status === "reported") c = await command("demo-grid-worker", c, "verify");
      c = await command("demo-township-agency", c, "accept");

      const received = await eventually(
        () => call("/v1/integrations/receiver/demo-12345", { as: "demo-city-agency" }),
        (res) => {
          const text = JSON.stringify(res.json);
          expect(text).toContain(caseId);
          expect(text).toContain("case.accepted");
        },
        // Two queue hops and a signed HTTP callback; generous because CI runs this on 2 busy cores.
        150_000,
      );
      // Anyone can check what the receiver got with the reference Standard Webhooks library, as a platform would.
      const items = (received.json.items as ReceivedCallback[]).filter((i) => i.rawBody.includes(caseId));
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.headers["webhook-id"]).toBe(item.webhookId);
        expect(verifiedBySomeSecret(item.rawBody, item.headers)).toBe(true);
        // The check is real: the same headers do not verify a body changed by one character.
        expect(verifiedBySomeSecret(item.rawBody.replace(caseId, `${caseId}X`), item.headers)).toBe(false);
      }
    },
  );
});

type Attribute = { code: string; datatype: string; required: boolean; values?: { key: string }[] };

async function requiredAttributes(serviceCode: string): Promise<[string, string][]> {
  const res = await fetch(`${origin}/open311/v2/services/${serviceCode}.json?jurisdiction_id=440703000000`);
  expect(res.status).toBe(200);
  const { attributes } = (await res.json()) as { attributes: Attribute[] };
  return attributes
    .filter((a) => a.required)
    .map((a) => [a.code, a.values?.[0]?.key ?? (a.datatype === "number" ? "2" : "e2e")]);
}

async function requestIdOfToken(token: string): Promise<string> {
  const res = await fetch(`${origin}/open311/v2/tokens/${token}.json?jurisdiction_id=440703000000`);
  expect(res.status).toBe(200);
  const [found] = (await res.json()) as { token: string; service_request_id: string }[];
  expect(found?.token).toBe(token);
  return found!.service_request_id;
}

describe("an Open311 report from a resident's app", () => {
  it("lists services, creates a request routed to its grid, and shows it by id", async () => {
    const services = await fetch(`${origin}/open311/v2/services.json?jurisdiction_id=440703000000`);
    expect(services.status).toBe(200);
    const list = (await services.json()) as { service_code: string; service_name: string; type: string }[];
    expect(list.map((s) => s.service_code)).toContain("0801");

    const { lng, lat } = pointIn(WORKER_GRID);
    const form = new URLSearchParams({
      api_key: "demo-open311-key-local-only",
      jurisdiction_id: "440703000000",
      service_code: "0801",
      lat: String(lat),
      long: String(lng),
      description: "小区门口道路破损，有积水",
    });
    // As a GeoReport client does: read the service definition and answer its required attributes.
    for (const [code, value] of await requiredAttributes("0801")) form.set(`attribute[${code}]`, value);
    const created = await fetch(`${origin}/open311/v2/requests.json`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    // GeoReport v2 answers a created request with 200 and a one-element array.
    expect(created.status).toBe(200);
    const [answer] = (await created.json()) as { service_request_id?: string; token?: string }[];
    expect(answer?.service_request_id ?? answer?.token).toBeTruthy();

    // The specification allows either an id or a token; a token resolves to the id through tokens/{token}.
    const id = answer!.service_request_id ?? (await requestIdOfToken(answer!.token!));
    const one = await fetch(`${origin}/open311/v2/requests/${id}.json?jurisdiction_id=440703000000`);
    expect(one.status).toBe(200);
    const [request] = (await one.json()) as { service_request_id: string; status: string; service_code: string }[];
    expect(request).toMatchObject({ service_request_id: id, status: "open", service_code: "0801" });

    const noKey = await fetch(`${origin}/open311/v2/requests.json`, {
      method: "POST",
      body: new URLSearchParams({ service_code: "0801", lat: String(lat), long: String(lng), description: "x" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(noKey.status).toBeGreaterThanOrEqual(400);
    expect(Array.isArray(await noKey.json())).toBe(true);
  });
});
