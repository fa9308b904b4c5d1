import { describe, expect, it } from "vitest";
import { areaM2, findGaps, findOverlaps, locate, outside } from "../src";
import type { GeoItem } from "../src";
import { degLatPerM, degLngPerM, jitteredTiling, rect } from "./fixtures";

// Work in kilometres near Jiangmen: km(x, y) → [lng, lat].
const lat0 = 22.58;
const lng0 = 113.08;
const dx = 1000 * degLngPerM(lat0);
const dy = 1000 * degLatPerM;
const kmRect = (x0: number, y0: number, x1: number, y1: number) =>
  rect(lng0 + x0 * dx, lat0 + y0 * dy, lng0 + x1 * dx, lat0 + y1 * dy);

describe("findOverlaps", () => {
  it("reports overlapping squares with the shared area, and not edge-adjacent ones", () => {
    const items: GeoItem[] = [
      { id: "c", geometry: kmRect(0, 0, 1, 1) },
      { id: "a", geometry: kmRect(0.5, 0, 1.5, 1) }, // overlaps c by 0.5 km²
      { id: "b", geometry: kmRect(1.5, 0, 2.5, 1) }, // only shares an edge with a
      { id: "d", geometry: kmRect(5, 5, 6, 6) },
    ];
    const overlaps = findOverlaps(items);
    expect(overlaps).toHaveLength(1);
    const [o] = overlaps;
    expect(o?.a).toBe("a");
    expect(o?.b).toBe("c");
    expect(o?.geometry.type).toBe("MultiPolygon");
    expect(o?.areaM2).toBeGreaterThan(499_000);
    expect(o?.areaM2).toBeLessThan(501_000);
    expect(o?.areaM2 ?? 0).toBeCloseTo(areaM2(kmRect(0.5, 0, 1, 1)), 0);
  });

  it("ignores overlaps under the tolerance", () => {
    const items: GeoItem[] = [
      { id: "x", geometry: kmRect(0, 0, 1, 1) },
      { id: "y", geometry: kmRect(0.9995, 0, 2, 1) }, // 0.5 m × 1000 m = 500 m²
    ];
    expect(findOverlaps(items)[0]?.areaM2).toBeCloseTo(500, -1);
    expect(findOverlaps(items, { minAreaM2: 1000 })).toEqual([]);
  });

  it("finds nothing in a clean tiling", () => {
    const { items } = jitteredTiling(6, 6, 3);
    expect(findOverlaps(items)).toEqual([]);
  });
});

describe("findGaps", () => {
  const container = kmRect(0, 0, 2, 2);

  it("reports the uncovered half of a 2 km × 2 km container with one 1 km × 2 km grid", () => {
    const gaps = findGaps(container, [{ id: "g", geometry: kmRect(0, 0, 1, 2) }]);
    expect(gaps.areaM2 / areaM2(container)).toBeCloseTo(0.5, 4);
    expect(gaps.areaM2).toBeGreaterThan(1_995_000);
    expect(gaps.areaM2).toBeLessThan(2_005_000);
    expect(gaps.geometry?.coordinates).toHaveLength(1);
    expect(locate([lng0 + 1.5 * dx, lat0 + dy], gaps.geometry ?? container)).toBe("inside");
    expect(locate([lng0 + 0.5 * dx, lat0 + dy], gaps.geometry ?? container)).toBe("outside");
  });

  it("reports no gap when grids tile the container, even with a far-away grid", () => {
    const items: GeoItem[] = [
      { id: "w", geometry: kmRect(0, 0, 1, 2) },
      { id: "e", geometry: kmRect(1, 0, 2, 2) },
      { id: "far", geometry: kmRect(10, 10, 11, 11) },
    ];
    expect(findGaps(container, items)).toEqual({ geometry: null, areaM2: 0 });
  });

  it("reports the whole container when nothing covers it, and ignores slivers", () => {
    expect(findGaps(container, []).areaM2).toBeCloseTo(areaM2(container), 0);
    const almost: GeoItem[] = [{ id: "w", geometry: kmRect(0, 0, 1.9999, 2) }]; // 0.1 m × 2 km = 200 m²
    expect(findGaps(container, almost).areaM2).toBeCloseTo(200, -1);
    expect(findGaps(container, almost, { minAreaM2: 500 })).toEqual({ geometry: null, areaM2: 0 });
  });
});

describe("outside", () => {
  it("gives the part of a grid beyond its container", () => {
    const container = kmRect(0, 0, 2, 2);
    const out = outside(container, kmRect(1.5, 0, 2.5, 1));
    expect(out.areaM2).toBeCloseTo(areaM2(kmRect(2, 0, 2.5, 1)), 0);
    expect(out.areaM2).toBeGreaterThan(499_000);
    expect(outside(container, kmRect(0.5, 0.5, 1, 1))).toEqual({ geometry: null, areaM2: 0 });
    expect(outside(container, kmRect(5, 5, 6, 6)).areaM2).toBeCloseTo(areaM2(kmRect(5, 5, 6, 6)), 0);
  });
});
