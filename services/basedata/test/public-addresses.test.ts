import type { PublicAddress } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { VILLAGE, addressTree } from "./helpers";

const anonymous = (query: string) => exports.default.fetch(`http://basedata/v1/public/addresses?${query}`);
async function found(query: string): Promise<PublicAddress[]> {
  const res = await anonymous(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ items: PublicAddress[] }>()).items;
}

let n = 0;
/** A road of a unique name with a door in grid 1 (1号), a building (3栋), and a unit and room below it. */
async function plate() {
  const roadName = `公示路${++n}${Date.now() % 100000}`;
  await addressTree(roadName);
  return roadName;
}

describe("public address search (a resident finds the grid of a door plate)", () => {
  it("answers without a login: roads, doors and buildings with their grid, never units or rooms", async () => {
    const road = await plate();
    const items = await found(`villageCode=${VILLAGE}&q=${encodeURIComponent(road)}`);
    expect(items).toEqual([
      { fullName: road, level: "road", villageCode: VILLAGE, gridCode: null },
      { fullName: `${road}1号`, level: "door", villageCode: VILLAGE, gridCode: "440703001001001" },
      { fullName: `${road}1号3栋`, level: "building", villageCode: VILLAGE, gridCode: "440703001001001" },
    ]);
  });

  it("finds an address however it is written (full-width digits, 號), shortest first", async () => {
    const road = await plate();
    const items = await found(`villageCode=${VILLAGE}&q=${encodeURIComponent(`${road}１號`)}`);
    expect(items.map((a) => a.fullName)).toEqual([`${road}1号`, `${road}1号3栋`]);
    const one = await found(`villageCode=${VILLAGE}&q=${encodeURIComponent(road)}&limit=1`);
    expect(one.map((a) => a.fullName)).toEqual([road]);
  });

  it("answers empty for a village holding no base data", async () => {
    expect(await found("villageCode=440703001009&q=建设路")).toEqual([]);
  });

  it("names the field at fault: no text, a malformed village, a code that is not a village, a limit above 20", async () => {
    for (const [query, field] of [
      [`villageCode=${VILLAGE}`, "q"],
      [`villageCode=${VILLAGE}&q=%20`, "q"],
      ["villageCode=4407&q=路", "villageCode"],
      ["villageCode=440703001000&q=路", "villageCode"],
      [`villageCode=${VILLAGE}&q=路&limit=500`, "limit"],
    ] as const) {
      const res = await anonymous(query);
      expect([400, 422], query).toContain(res.status);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(await res.json()), query).toContain(field);
    }
  });
});
