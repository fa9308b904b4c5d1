import { Open311Created, Open311Error, Open311Request, Open311Service, Open311ServiceDefinition } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { base, OPEN311_KEY, seedPlatform } from "./helpers";

const J = "jurisdiction_id=440703000000";
const get = (path: string) => exports.default.fetch(`${base}/open311/v2/${path}`);
const post = (fields: Record<string, string>, format = "json") =>
  exports.default.fetch(`${base}/open311/v2/requests.${format}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
const report = {
  jurisdiction_id: "440703000000", service_code: "M-ENV-003", lat: "22.5897", long: "113.0781", description: "夜里施工噪声很大",
  address_string: "北街 12 号", "attribute[NOISE_TIME]": "night", first_name: "小明", last_name: "李", phone: "13800000000", account_id: "acct-9",
};
// The spec's answers are exact: no extra field, none missing.
const strict = <T extends z.ZodObject>(schema: T) => schema.strict();

beforeAll(() => seedPlatform());

describe("Open311 GeoReport v2", () => {
  it("lists the county's admitted matters as services, with metadata where attributes exist", async () => {
    const res = await get(`services.json?${J}`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const services = z.array(strict(Open311Service)).parse(await res.json());
    expect(services.map((s) => [s.service_code, s.metadata])).toEqual([["M-URBAN-001", false], ["M-ENV-003", true]]);
    expect(services[0]).toMatchObject({ type: "realtime", keywords: "摆摊,占道", group: "urban_management" });
    const xml = await (await get(`services.xml?${J}`)).text();
    expect(xml).toContain("<services><service><service_code>M-URBAN-001</service_code>");
  });

  it("answers a service definition where attributes exist, and a 404 error array otherwise", async () => {
    const def = Open311ServiceDefinition.parse(await (await get(`services/M-ENV-003.json?${J}`)).json());
    expect(def.attributes[0]).toMatchObject({ variable: true, code: "NOISE_TIME", datatype: "singlevaluelist", required: true, order: 1 });
    const none = await get(`services/M-URBAN-001.json?${J}`);
    expect(none.status).toBe(404);
    expect(Open311Error.parse(await none.json())[0]?.code).toBe(404);
  });

  it("creates a request only for a trusted app's api_key, and answers the id and token", async () => {
    const anonymous = await post(report);
    expect(anonymous.status).toBe(403);
    expect(Open311Error.parse(await anonymous.json())[0]?.description).toContain("api_key");
    const wrong = await post({ ...report, api_key: "guessed-key" });
    expect(wrong.status).toBe(403);
    const res = await post({ ...report, api_key: OPEN311_KEY });
    expect(res.status).toBe(200);
    const [created] = z.array(strict(Open311Created.element)).parse(await res.json());
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^CASE-/), token: expect.stringMatching(/^FT-/), account_id: "acct-9" });
    const one = await get(`requests/${created?.service_request_id}.json`);
    const [request] = z.array(strict(Open311Request)).parse(await one.json());
    expect(request).toMatchObject({ status: "open", service_code: "M-ENV-003", lat: 22.5897, long: 113.0781 });
    expect(request?.description).toContain("NOISE_TIME: night");
  });

  it("names every missing or wrong field in an Open311 error array", async () => {
    const res = await post({ api_key: OPEN311_KEY, jurisdiction_id: "440703", service_code: "M-ENV-003", lat: "north" });
    expect(res.status).toBe(400);
    const errors = Open311Error.parse(await res.json());
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(errors.map((e) => e.description.split(":")[0]).sort()).toEqual(["description", "jurisdiction_id", "lat", "long"]);
    const unknown = await post({ ...report, api_key: OPEN311_KEY, service_code: "M-NOT-ADMITTED" });
    expect(Open311Error.parse(await unknown.json())[0]?.description).toContain("service_code");
  });

  it("filters requests by id, status, service and dates, in JSON and XML", async () => {
    const all = z.array(Open311Request).parse(await (await get(`requests.json?${J}`)).json());
    expect(all.length).toBeGreaterThanOrEqual(1);
    const id = all[0]?.service_request_id ?? "";
    expect(z.array(Open311Request).parse(await (await get(`requests.json?${J}&service_request_id=${id}`)).json())).toHaveLength(1);
    expect(await (await get(`requests.json?${J}&status=closed`)).json()).toEqual([]);
    expect(await (await get(`requests.json?${J}&service_code=nothing`)).json()).toEqual([]);
    expect(await (await get(`requests.json?${J}&start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`)).json()).toEqual([]);
    const bad = await get(`requests.json?${J}&status=pending`);
    expect(bad.status).toBe(400);
    const xml = await (await get(`requests.xml?${J}`)).text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>CASE-/);
    const missing = await get("requests/CASE-20990101-AAAAAAAAAA.json");
    expect(missing.status).toBe(404);
  });

  it("limits each trusted app to its requests per minute", async () => {
    let last = 0;
    for (let i = 0; i < 7; i++) last = (await get(`services.json?${J}&api_key=${OPEN311_KEY}`)).status;
    expect(last).toBe(429);
  });
});
