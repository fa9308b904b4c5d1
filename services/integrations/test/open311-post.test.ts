import { Open311Created, Open311Error, Open311Request, Open311Token } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { base, OPEN311_KEY, seedPlatform } from "./helpers";
import { fields, get, J, post, report, type Open311Errors } from "./open311";

beforeAll(async () => {
  await seedPlatform();
  // This file posts many reports; the per-minute limit is proven in open311-services.test.ts.
  await env.DB.prepare("UPDATE open311_clients SET requests_per_minute = 1000 WHERE id = 'app-test'").run();
});

const errorsOf = async (res: Response) => Open311Error.parse(await res.json()) as Open311Errors;

/** Posts a report and follows its token to the request, as a client does. */
async function created(fields: Record<string, string | string[]>, query?: string) {
  const res = await post(fields, query ? { query } : {});
  expect(res.status).toBe(200);
  const [answer] = z.array(Open311Created.element.strict()).parse(await res.json());
  const token = answer?.token ?? "";
  const [resolved] = Open311Token.parse(await (await get(`v2/tokens/${token}.json?${J}`)).json());
  const [request] = z
    .array(Open311Request.strict())
    .parse(await (await get(`v2/requests/${resolved?.service_request_id}.json?${J}`)).json());
  return { answer, resolved, request: request as z.infer<typeof Open311Request> };
}

describe("Open311 POST requests", () => {
  it("answers a token (not an id) that tokens/{token}.json resolves, and keeps media_url and address", async () => {
    const { answer, resolved, request } = await created({
      ...report,
      media_url: "https://img.example.cn/a.jpg",
      address_string: "北街 12 号",
    });
    expect(answer).toEqual({
      token: expect.stringMatching(/^FT-/),
      service_notice: expect.any(String),
      account_id: "acct-9",
    });
    expect(resolved).toEqual({ token: answer?.token, service_request_id: expect.stringMatching(/^CASE-/) });
    expect(request).toMatchObject({
      service_code: "M-ENV-003",
      lat: 22.6,
      long: 113.005,
      media_url: "https://img.example.cn/a.jpg",
      address: "北街 12 号",
    });
    expect(request.description).toContain("何时最吵: 夜间");
    expect((await get(`v2/tokens/FT-NOSUCHTOKEN.json?${J}`)).status).toBe(404);
    expect((await get(`v2/tokens/${answer?.token}.json?jurisdiction_id=440705000000`)).status).toBe(404);
  });

  it("takes jurisdiction_id from the query string or the form body, refusing two that differ", async () => {
    const { jurisdiction_id: _j, ...noJurisdiction } = report;
    await created(noJurisdiction, J);
    const differ = await post(report, { query: "jurisdiction_id=440705000000" });
    expect(differ.status).toBe(400);
    expect(fields(await errorsOf(differ))).toEqual(["jurisdiction_id"]);
    const unknown = await post({ ...report, jurisdiction_id: "440799000000" });
    expect(unknown.status).toBe(404);
    expect((await errorsOf(unknown))[0]?.description).toContain("jurisdiction_id");
  });

  it("accepts a report without description, and one located only by a known address_string or address_id", async () => {
    const { lat: _lat, long: _long, description: _d, ...placeless } = report;
    const byName = await created({ ...placeless, address_string: "蓬江区北街社区第二网格 5 号楼" });
    expect(byName.request).toMatchObject({
      lat: 22.6,
      long: 113.015,
      address: "蓬江区北街社区第二网格 5 号楼",
      address_id: "440703001001002",
    });
    expect(byName.request.description).toBe("何时最吵: 夜间");
    const byId = await created({ ...placeless, address_id: "440703001001" });
    expect(byId.request).toMatchObject({ long: 113.005, address_id: "440703001001" });
  });

  it("refuses an address that cannot be resolved, naming the field", async () => {
    const { lat: _lat, long: _long, ...placeless } = report;
    const cases: [Record<string, string>, string][] = [
      [{ address_string: "某某路 99 号" }, "address_string"],
      [{ address_id: "440703999999" }, "address_id"],
      [{ address_id: "440703001001009" }, "address_id"],
      [{ address_id: "440705001001" }, "address_id"],
      [{}, "lat"],
      [{ lat: "22.6" }, "long"],
    ];
    for (const [extra, field] of cases) {
      const res = await post({ ...placeless, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(fields(await errorsOf(res))).toEqual([field]);
    }
    const nowhere = await post({ ...report, lat: "22.9" });
    expect((await errorsOf(nowhere))[0]?.description).toBe("lat: the location lies outside every grid in force");
    const elsewhere = await post({ ...report, long: "112.95" });
    expect((await errorsOf(elsewhere))[0]?.description).toMatch(
      /^lat: the location lies outside jurisdiction 440703000000/,
    );
  });

  it("validates attributes against the service definition: required, list values, multi-value lists, numbers", async () => {
    const ok = await created({
      ...report,
      "attribute[SOURCES][]": ["building", "shop"],
      "attribute[DECIBELS]": "72.5",
    });
    expect(ok.request.description).toContain("噪声来源: 施工、商铺");
    const { "attribute[NOISE_TIME]": _t, ...withoutRequired } = report;
    const bad = await post({
      ...withoutRequired,
      "attribute[SOURCES][]": ["building", "airport"],
      "attribute[DECIBELS]": "loud",
      "attribute[COLOUR]": "red",
    });
    expect(bad.status).toBe(400);
    expect(fields(await errorsOf(bad))).toEqual([
      "attribute[COLOUR]",
      "attribute[DECIBELS]",
      "attribute[NOISE_TIME]",
      "attribute[SOURCES]",
    ]);
    const twice = await post({ ...report, "attribute[NOISE_TIME]": ["night", "day"] });
    expect((await errorsOf(twice))[0]?.description).toBe("attribute[NOISE_TIME]: takes one value");
  });

  it("answers a failure of the cases service with 502 as an error array, never a 500", async () => {
    const res = await post({ ...report, description: "cases-down" });
    expect(res.status).toBe(502);
    expect((await errorsOf(res))[0]).toMatchObject({
      code: 502,
      description: expect.stringContaining("try again later"),
    });
  });

  it("answers an unknown service_code with 404 and names every wrong field with 400", async () => {
    const unknown = await post({ ...report, service_code: "M-NOT-ADMITTED" });
    expect(unknown.status).toBe(404);
    expect((await errorsOf(unknown))[0]).toMatchObject({
      code: 404,
      description: expect.stringContaining("service_code"),
    });
    const wrong = await post({ api_key: OPEN311_KEY, jurisdiction_id: "440703", lat: "north", media_url: "not a url" });
    expect(wrong.status).toBe(400);
    const errors = await errorsOf(wrong);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(fields(errors)).toEqual(["jurisdiction_id", "lat", "media_url", "service_code"]);
  });

  it("refuses a too-large body (413), a body that is not a form (415) and a missing api_key (403), always as an error array", async () => {
    const big = await post({ ...report, description: "长".repeat(30_000) });
    expect(big.status).toBe(413);
    expect((await errorsOf(big))[0]?.code).toBe(413);
    const xml = await post({ ...report, description: "长".repeat(30_000) }, { format: "xml" });
    expect(xml.headers.get("content-type")).toContain("text/xml");
    expect(await xml.text()).toContain("<errors><error><code>413</code>");
    const json = await exports.default.fetch(`${base}/open311/v2/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(json.status).toBe(415);
    expect((await errorsOf(json))[0]?.code).toBe(415);
    const { api_key: _k, ...anonymous } = report;
    const refused = await post(anonymous);
    expect(refused.status).toBe(403);
    expect((await errorsOf(refused))[0]?.description).toContain("api_key");
  });
});
