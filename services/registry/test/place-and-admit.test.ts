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
