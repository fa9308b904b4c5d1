import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PJ, XH, base, seedDivisions } from "./fixtures";

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };
const anonymous = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${base}${path}`, { headers });
async function page(path: string): Promise<Page> {
  const res = await anonymous(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

beforeAll(seedDivisions);

describe("public divisions (a resident's picker)", () => {
  it("answers without a login: the cities, then each level's children, with public facts only", async () => {
    const cities = await page("/v1/public/divisions");
    expect(cities.items).toEqual([{ code: "440700000000", name: "江门市", level: "city", parentCode: null }]);
    const counties = await page("/v1/public/divisions?parentCode=440700000000");
    expect(counties.items.map((d) => [d.code, d.name])).toEqual([
      [PJ, "蓬江区"],
      [XH, "新会区"],
    ]);
    const villages = await page("/v1/public/divisions?parentCode=440703001000");
    expect(villages.items.map((d) => d.name)).toEqual(["一号社区", "二号村"]);
    // No boundary, version or urban flag: only what a picker needs.
    for (const v of villages.items) expect(Object.keys(v).sort()).toEqual(["code", "level", "name", "parentCode"]);
  });

  it("pages by code with a cursor", async () => {
    const first = await page("/v1/public/divisions?parentCode=440700000000&limit=1");
    expect(first.items.map((d) => d.code)).toEqual([PJ]);
    expect(first.nextCursor).toBeTruthy();
    const second = await page(`/v1/public/divisions?parentCode=440700000000&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((d) => d.code)).toEqual([XH]);
    expect(second.nextCursor).toBeNull();
  });

  it("caches publicly and revalidates with the ETag", async () => {
    const res = await anonymous("/v1/public/divisions?parentCode=440700000000");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    expect((await anonymous("/v1/public/divisions?parentCode=440700000000", { "if-none-match": etag! })).status).toBe(
      304,
    );
  });

  it("answers one division's public facts by its code, and 404 for a code on no file", async () => {
    expect(await (await anonymous(`/v1/public/divisions/${PJ}`)).json()).toEqual({
      code: PJ,
      name: "蓬江区",
      level: "county",
      parentCode: "440700000000",
    });
    const missing = await anonymous("/v1/public/divisions/440799000000");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await anonymous("/v1/public/divisions/4407")).status).toBe(400);
  });

  it("names the field for a malformed or unknown parent", async () => {
    const bad = await anonymous("/v1/public/divisions?parentCode=4407");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(await bad.json())).toContain("parentCode");
    const unknown = await anonymous("/v1/public/divisions?parentCode=440799000000");
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toContain("parentCode");
  });
});
