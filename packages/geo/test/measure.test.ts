import { describe, expect, it } from "vitest";
import { areaM2, bbox, distanceM, EARTH_RADIUS_M, locate, pointOnSurface, validateGeometry } from "../src";
import type { Geometry } from "../src";
import { degLatPerM, degLngPerM, rect } from "./fixtures";

const rad = (d: number) => (d * Math.PI) / 180;

describe("areaM2", () => {
  it("matches the exact spherical area of a 1° cell at the equator", () => {
    const exact = EARTH_RADIUS_M ** 2 * rad(1) * Math.sin(rad(1));
    expect(areaM2(rect(0, 0, 1, 1))).toBeCloseTo(exact, -2);
    expect(exact).toBeCloseTo(12_363_718_145, -5);
  });

  it("measures a 1 km × 1 km square in Jiangmen as about 1e6 m², minus its hole, whatever the winding", () => {
    const lat = 22.58;
    const [dx, dy] = [1000 * degLngPerM(lat), 1000 * degLatPerM];
    const sq = rect(113.08, lat, 113.08 + dx, lat + dy);
    expect(areaM2(sq)).toBeGreaterThan(999_000);
    expect(areaM2(sq)).toBeLessThan(1_001_000);
    const reversed: Geometry = { type: "Polygon", coordinates: [[...(sq.coordinates[0] ?? [])].reverse()] };
    expect(areaM2(reversed)).toBeCloseTo(areaM2(sq), 6);
    const holed = rect(113.08, lat, 113.08 + dx, lat + dy, [
      rect(113.08 + dx / 4, lat + dy / 4, 113.08 + (3 * dx) / 4, lat + (3 * dy) / 4).coordinates[0] ?? [],
    ]);
    expect(areaM2(holed) / areaM2(sq)).toBeCloseTo(0.75, 4);
  });

  it("adds MultiPolygon parts", () => {
    const multi: Geometry = {
      type: "MultiPolygon",
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(0, 1, 1, 2).coordinates],
    };
    expect(areaM2(multi)).toBeCloseTo(areaM2(rect(0, 0, 1, 2)), 0);
  });
});

describe("bbox", () => {
  it("covers all polygons", () => {
    const multi: Geometry = {
      type: "MultiPolygon",
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, -3, 6, 2).coordinates],
    };
    expect(bbox(multi)).toEqual([0, -3, 6, 2]);
  });
});

describe("distanceM", () => {
  it("gives the great-circle distance", () => {
    expect(distanceM([0, 0], [0, 1])).toBeCloseTo(EARTH_RADIUS_M * rad(1), 3);
    expect(distanceM([0, 0], [180, 0])).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(distanceM([113.08, 22.58], [113.08, 22.58])).toBe(0);
    // Guangzhou to Shenzhen city centres: about 104 km
    expect(distanceM([113.2644, 23.1291], [114.0579, 22.5431]) / 1000).toBeCloseTo(104.3, 0);
  });
});

describe("pointOnSurface", () => {
  it("is inside a convex square and inside a U shape whose centroid is outside", () => {
    expect(pointOnSurface(rect(0, 0, 2, 2))).toEqual([1, 1]);
    const u: Geometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    expect(validateGeometry(u)).toEqual([]);
    const p = pointOnSurface(u);
    expect(locate(p, u)).toBe("inside");
    expect(locate([1.5, 2], u)).toBe("outside");
  });

  it("avoids a hole at the centre and picks the largest part of a MultiPolygon", () => {
    const holed = rect(0, 0, 4, 4, [rect(1, 1, 3, 3).coordinates[0] ?? []]);
    expect(locate(pointOnSurface(holed), holed)).toBe("inside");
    const multi: Geometry = {
      type: "MultiPolygon",
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 5, 9, 9).coordinates],
    };
    expect(pointOnSurface(multi)).toEqual([7, 7]);
  });

  it("throws on a flat geometry", () => {
    expect(() =>
      pointOnSurface({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [2, 0],
            [0, 0],
          ],
        ],
      }),
    ).toThrow(/no interior/);
  });
});
