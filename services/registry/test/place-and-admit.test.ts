import { generateCity, type City } from "@civicgrid/demo-data";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoStatements } from "../seed/demo";

let city: City;

beforeAll(async () => {
  city = generateCity({});
  await env.DB.batch(demoStatements(city).map((sql) => env.DB.prepare(sql)));
}, 60_000);

describe("placeAndAdmit: the report path's one registry call (issue 17)", () => {
  it("answers what locate and then matterAdmission answer, for admitted, forbidden and unlisted matters", async () => {
    const grids = city.grids.filter((_, i) => i % 500 === 0);
    for (const g of grids) {
      const [lng, lat] = g.center;
      for (const matter of ["1101", "0701", "F01", "9999", "E2E-MINUTE"]) {
        const both = await exports.default.placeAndAdmit(lng, lat, matter);
        const place = await exports.default.locate(lng, lat);
        expect(both.place).toEqual(place);
        expect(both.place?.gridCode).toBe(g.code);
        expect(both.admission).toEqual(await exports.default.matterAdmission(g.countyCode, matter));
      }
    }
  });

  it("asks about a past date as both calls do: before the demo lists took effect there is no grid and no answer", async () => {
    const g = city.grids[0]!;
    const [lng, lat] = g.center;
    const then = await exports.default.placeAndAdmit(lng, lat, "0101", "2026-03-01");
    expect(then.place?.gridCode).toBe(g.code);
    expect(then.admission).toEqual(await exports.default.matterAdmission(g.countyCode, "0101", "2026-03-01"));
    expect(await exports.default.placeAndAdmit(lng, lat, "0101", "2024-12-31")).toEqual({
      place: null,
      admission: null,
    });
  });

  it("takes each county's newest list in force on the date: a version filed for later applies from its date", async () => {
    const g = city.grids[0]!;
    const [lng, lat] = g.center;
    const county = g.countyCode;
    const item = JSON.stringify({ name: "以后才禁入", rule: "测试：2099 年起禁入" });
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO matter_list_versions (county_code, number, effective_date, approved_by, filed_at)
         VALUES (?, 99, '2099-01-01', 'test', '2026-01-01T00:00:00Z')`,
      ).bind(county),
      env.DB.prepare(
        `INSERT INTO matter_list_items (county_code, number, list, matter_code, item) VALUES (?, 99, 'forbidden', '0101', ?)`,
      ).bind(county, item),
    ]);
    const today = await exports.default.placeAndAdmit(lng, lat, "0101");
    expect(today.admission).toEqual(await exports.default.matterAdmission(county, "0101"));
    expect(today.admission?.listVersion).not.toBe(99);
    const later = await exports.default.placeAndAdmit(lng, lat, "0101", "2099-06-01");
    expect(later.admission).toEqual(await exports.default.matterAdmission(county, "0101", "2099-06-01"));
    expect(later.admission).toMatchObject({ status: "forbidden", listVersion: 99, rule: "测试：2099 年起禁入" });
  });

  it("outside every active grid: both null; bad arguments are refused naming them", async () => {
    expect(await exports.default.placeAndAdmit(100, 10, "0101")).toEqual({ place: null, admission: null });
    const badMatter = await exports.default.placeAndAdmit(113.08, 22.58, "no such code!").then(
      () => null,
      (error: Error) => error,
    );
    expect(badMatter?.message).toMatch(/matterCode/);
    const badPoint = await exports.default.placeAndAdmit(500, 22.58, "0101").then(
      () => null,
      (error: Error) => error,
    );
    expect(badPoint?.message).toMatch(/point/);
  });
});
