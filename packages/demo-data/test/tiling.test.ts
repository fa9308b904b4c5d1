import { describe, expect, it } from "vitest";
import { createRng } from "../src";
import type { Grid, Polygon } from "../src";
import { bbox, defaultCity, pointInRing, shoelace } from "./helpers";

const ringOf = (p: Polygon) => p.coordinates[0] ?? [];
const key = (a: readonly number[], b: readonly number[]) => `${a[0]},${a[1]}>${b[0]},${b[1]}`;

/** Directed edges of rings, as strings of their exact coordinates. */
function edges(polygons: Polygon[]): Set<string> {
  const out = new Set<string>();
  for (const p of polygons) {
    const r = ringOf(p);
    for (let i = 0; i + 1 < r.length; i++) out.add(key(r[i] ?? [], r[i + 1] ?? []));
  }
  return out;
}

/** Every edge of a child is shared (reversed) with a sibling or lies on the parent's ring, and back. */
function expectExactTiling(parent: Polygon, children: Polygon[], label: string): void {
  const own = edges(children);
  const outer = edges([parent]);
  for (const e of own) {
    const [a, b] = e.split(">");
    const matched = own.has(`${b}>${a}`) || outer.has(e);
    expect(matched, `${label}: unmatched edge ${e}`).toBe(true);
  }
  for (const e of outer) expect(own.has(e), `${label}: parent edge ${e} not covered`).toBe(true);
}

describe("tiling", () => {
  const city = defaultCity();
  const gridsOf = new Map<string, Grid[]>();
  for (const g of city.grids) gridsOf.set(g.villageCode, [...(gridsOf.get(g.villageCode) ?? []), g]);
  const villages = city.divisions.filter((d) => d.level === "village");

  it("has the grids, with unique checkable codes", () => {
    expect(city.grids).toHaveLength(2954);
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(2954);
    for (const v of villages) {
      const grids = gridsOf.get(v.code) ?? [];
      expect(grids.length, v.code).toBeGreaterThanOrEqual(1);
      grids.forEach((g, i) => {
        expect(g.code).toBe(v.code + String(i + 1).padStart(3, "0"));
        expect(g.code.startsWith(g.villageCode)).toBe(true);
        expect(g.type).toBe(g.unit ? "dedicated" : v.urban ? "urban" : "rural");
      });
    }
    const dedicated = city.grids.filter((g) => g.type === "dedicated").length;
    expect(dedicated).toBeGreaterThan(30);
    expect(dedicated).toBeLessThan(90);
  });

  it("covers each village with its grids: areas add up within 0.01%", () => {
    for (const v of villages) {
      const own = shoelace(ringOf(v.geometry));
      const sum = (gridsOf.get(v.code) ?? []).reduce((s, g) => s + shoelace(ringOf(g.geometry)), 0);
      expect(Math.abs(sum - own) / own, v.code).toBeLessThan(1e-4);
    }
  });

  it("shares exact vertices along every common edge, at every level", () => {
    for (const v of villages) {
      expectExactTiling(
        v.geometry,
        (gridsOf.get(v.code) ?? []).map((g) => g.geometry),
        v.code,
      );
    }
    for (const parent of city.divisions.filter((d) => d.level !== "village")) {
      const children = city.divisions.filter((d) => d.parentCode === parent.code).map((d) => d.geometry);
      expectExactTiling(parent.geometry, children, parent.code);
    }
  });

  it("puts random points of a village in exactly one of its grids", () => {
    const rng = createRng(1, "tiling-test");
    const sample = villages.filter(() => rng.chance(0.25)); // a few hundred villages
    expect(sample.length).toBeGreaterThan(250);
    for (const v of sample) {
      const ring = ringOf(v.geometry);
      const [x0, y0, x1, y1] = bbox(ring);
      const grids = gridsOf.get(v.code) ?? [];
      let tested = 0;
      while (tested < 20) {
        const x = rng.float(x0, x1);
        const y = rng.float(y0, y1);
        if (!pointInRing(x, y, ring)) continue;
        tested++;
        const hits = grids.filter((g) => pointInRing(x, y, ringOf(g.geometry))).length;
        expect(hits, `${v.code} ${x},${y}`).toBe(1);
      }
    }
  });

  it("keeps each grid's center inside it", () => {
    for (const g of city.grids) expect(pointInRing(g.center[0], g.center[1], ringOf(g.geometry)), g.code).toBe(true);
  });
});
