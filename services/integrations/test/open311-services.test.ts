import { Open311Discovery, Open311Error, Open311Service, Open311ServiceDefinition } from "@civicgrid/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OPEN311_KEY, seedPlatform } from "./helpers";
import { get, J } from "./open311";

beforeAll(() => seedPlatform());

describe("Open311 services and discovery", () => {
  it("lists the county's matters with description, keywords and group from the catalogue, in JSON and text/xml", async () => {
    const res = await get(`v2/services.json?${J}`);
    expect(res.headers.get("content-type")).toContain("application/json");
    const services = z.array(Open311Service.strict()).parse(await res.json());
    expect(services.map((s) => [s.service_code, s.metadata])).toEqual([
      ["M-URBAN-001", false],
      ["M-ENV-003", true],
    ]);
    expect(services[0]).toMatchObject({
      type: "realtime",
      description: "占用道路、广场摆摊经营",
      keywords: "摆摊,占道",
      group: "urban_management",
    });
    const xml = await get(`v2/services.xml?${J}`);
    expect(xml.headers.get("content-type")).toContain("text/xml");
    expect(await xml.text()).toContain("<services><service><service_code>M-URBAN-001</service_code>");
  });

  it("answers an unknown jurisdiction with 404 and a missing one with 400, an empty argument counting as missing", async () => {
    const unknown = await get("v2/services.json?jurisdiction_id=440799000000");
    expect(unknown.status).toBe(404);
    expect(Open311Error.parse(await unknown.json())[0]).toMatchObject({
      code: 404,
      description: expect.stringContaining("jurisdiction_id"),
    });
    const empty = await get("v2/services.json?jurisdiction_id=");
    expect(empty.status).toBe(400);
    expect(Open311Error.parse(await empty.json())[0]?.description).toMatch(/^jurisdiction_id: required/);
    const xml = await get("v2/services.xml?jurisdiction_id=440799000000");
    expect(await xml.text()).toContain("<errors><error><code>404</code>");
  });

  it("returns a service's attributes in order as its definition, and 404 for a service not admitted", async () => {
    const def = Open311ServiceDefinition.parse(await (await get(`v2/services/M-ENV-003.json?${J}`)).json());
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ["NOISE_TIME", "singlevaluelist", true, 1],
      ["SOURCES", "multivaluelist", false, 2],
      ["DECIBELS", "number", false, 3],
    ]);
    expect(def.attributes[0]).toMatchObject({
      variable: true,
      values: [
        { key: "night", name: "夜间" },
        { key: "day", name: "白天" },
      ],
    });
    expect(
      Open311ServiceDefinition.parse(await (await get(`v2/services/M-URBAN-001.json?${J}`)).json()).attributes,
    ).toEqual([]);
    const none = await get(`v2/services/M-NOT-ADMITTED.json?${J}`);
    expect(none.status).toBe(404);
    expect(Open311Error.parse(await none.json())[0]?.description).toContain("service_code");
  });

  it("publishes a discovery document naming the endpoint, its formats and the jurisdiction_id values", async () => {
    const res = await get("discovery.json");
    const doc = Open311Discovery.strict().parse(await res.json());
    expect(doc.endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: "https://integrations.test/open311/v2",
      type: "production",
    });
    expect(doc.endpoints[0]?.formats).toEqual(["application/json", "text/xml"]);
    expect(doc.jurisdictions).toContainEqual({ jurisdiction_id: "440703000000", name: "蓬江区" });
    const xml = await (await get("discovery.xml")).text();
    expect(xml).toContain("<formats><format>application/json</format><format>text/xml</format></formats>");
  });

  it("limits each trusted app to its requests per minute", async () => {
    let last = 0;
    for (let i = 0; i < 7; i++) last = (await get(`v2/services.json?${J}&api_key=${OPEN311_KEY}`)).status;
    expect(last).toBe(429);
  });
});
