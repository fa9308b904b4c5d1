import { Open311Created, Open311Request, Open311Token } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { seedPlatform } from "./helpers";
import { get, J, post, report } from "./open311";

const Requests = z.array(Open311Request);
const list = async (query: string) => {
  const res = await get(`v2/requests.json?${J}&${query}`);
  expect(res.status, query).toBe(200);
  return Requests.parse(await res.json())
    .map((r) => r.service_request_id)
    .sort();
};

/** Files a report and answers its request id (through the token, as a client does). */
async function filed(fields: Record<string, string>): Promise<string> {
  const res = await post({ ...report, ...fields });
  const [created] = Open311Created.parse(await res.json());
  const [resolved] = Open311Token.parse(await (await get(`v2/tokens/${created?.token}.json?${J}`)).json());
  return resolved?.service_request_id ?? "";
}

let noise = "";
let vending = "";
let other = "";

beforeAll(async () => {
  await seedPlatform();
  await env.DB.prepare("UPDATE open311_clients SET requests_per_minute = 1000 WHERE id = 'app-test'").run();
  noise = await filed({
    description: "楼下工地噪声，联系我 13912345678 或 li.ming@example.com",
    address_string: "北街 3 号 (电话 0750-3221234)",
  });
  vending = await filed({ service_code: "M-URBAN-001", description: "摆摊占道", "attribute[NOISE_TIME]": "" });
  other = await filed({ description: "另一起噪声" });
});

describe("Open311 request lists", () => {
  it("lets service_request_id override every other filter, and takes a comma-separated service_code", async () => {
    expect(
      await list(`service_request_id=${noise},${vending}&service_code=nothing&status=closed&start_date=2001-01-01`),
    ).toEqual([noise, vending].sort());
    expect(await list("service_code=M-URBAN-001,M-ENV-003")).toEqual([noise, vending, other].sort());
    expect(await list("service_code=M-URBAN-001")).toEqual([vending]);
    expect(await list("status=closed")).toEqual([]);
  });

  it("reads W3C date-times without seconds and plain dates, and treats an empty argument as absent", async () => {
    expect(await list("start_date=2020-01-01T00:00%2B08:00&end_date=2020-02-01")).toEqual([]);
    expect(await list(`start_date=2020-01-01T08:30Z&end_date=`)).toHaveLength(3);
    expect(await list("service_code=&status=&service_request_id=")).toHaveLength(3);
    const bad = await get(`v2/requests.json?${J}&start_date=2020-02-30&status=pending`);
    expect(bad.status).toBe(400);
    expect((await bad.json<{ description: string }[]>()).map((e) => e.description.split(":")[0]).sort()).toEqual([
      "start_date",
      "status",
    ]);
  });

  it("scrubs phones, e-mails and ID numbers from free text in lists and single requests", async () => {
    const [one] = Requests.parse(await (await get(`v2/requests/${noise}.json?${J}`)).json());
    expect(one?.description).not.toMatch(/13912345678|li\.ming@example\.com/);
    expect(one?.description).toContain("[邮箱已隐藏]");
    expect(one?.address).not.toContain("3221234");
    const all = await (await get(`v2/requests.xml?${J}`)).text();
    expect(all).not.toMatch(/13912345678|example\.com|3221234/);
  });

  it("answers 404 for a request looked up under another jurisdiction, and for an unknown one", async () => {
    expect((await get(`v2/requests/${noise}.json?jurisdiction_id=440705000000`)).status).toBe(404);
    expect(await list(`service_request_id=${noise}`)).toEqual([noise]);
    const other = await get(`v2/requests.json?jurisdiction_id=440705000000&service_request_id=${noise}`);
    expect(await other.json()).toEqual([]);
    expect((await get(`v2/requests/CASE-20990101-AAAAAAAAAA.json?${J}`)).status).toBe(404);
    const xml = await get(`v2/requests/${noise}.xml?${J}`);
    expect(xml.headers.get("content-type")).toContain("text/xml");
    expect(await xml.text()).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>CASE-/,
    );
  });
});
