import { describe, expect, it } from "vitest";
import { GridIndex, naiveLookup, naiveLookupAll } from "../src";
import type { GeoItem, Position } from "../src";
import { jitteredTiling, rect, rng } from "./fixtures";

// Two adjacent unit squares; ids chosen so the smaller id is on the right.
const left: GeoItem = { id: "b-left", geometry: rect(0, 0, 1, 1) };
const right: GeoItem = { id: "a-right", geometry: rect(1, 0, 2, 1) };

describe("GridIndex", () => {
  const index = new GridIndex([left, right]);

  it("finds the grid containing a point and null outside", () => {
    expect(index.lookup(0.5, 0.5)).toBe("b-left");
    expect(index.lookup(1.5, 0.5)).toBe("a-right");
    expect(index.lookup(2.5, 0.5)).toBeNull();
    expect(index.lookupAll(2.5, 0.5)).toEqual([]);
  });

  it("resolves a shared edge and a shared vertex to the smaller id, whatever the input order", () => {
    expect(index.lookup(1, 0.5)).toBe("a-right");
    expect(new GridIndex([right, left]).lookup(1, 0.5)).toBe("a-right");
    expect(index.lookup(1, 1)).toBe("a-right");
    expect(index.lookupAll(1, 0.5)).toEqual(["a-right", "b-left"]);
    expect(index.lookupAll(1, 1)).toEqual(["a-right", "b-left"]);
    expect(naiveLookup([left, right], 1, 0.5)).toBe("a-right");
  });

  it("returns the only grid for a point on an outer edge", () => {
    expect(index.lookup(0, 0.5)).toBe("b-left");
    expect(index.lookupAll(0, 0.5)).toEqual(["b-left"]);
  });

  it("treats a hole as outside and finds the grid filling it", () => {
    const holed: GeoItem = { id: "g1", geometry: rect(0, 0, 4, 4, [rect(1, 1, 3, 3).coordinates[0] ?? []]) };
    expect(new GridIndex([holed]).lookup(2, 2)).toBeNull();
    const island: GeoItem = { id: "g2", geometry: rect(1, 1, 3, 3) };
    const both = new GridIndex([holed, island]);
    expect(both.lookup(2, 2)).toBe("g2");
    expect(both.lookup(0.5, 0.5)).toBe("g1");
    expect(both.lookup(1, 2)).toBe("g1");
    expect(both.lookupAll(1, 2)).toEqual(["g1", "g2"]);
  });

  it("handles MultiPolygon grids", () => {
    const multi: GeoItem = {
      id: "m",
      geometry: { type: "MultiPolygon", coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 5, 6, 6).coordinates] },
    };
    const idx = new GridIndex([multi, { id: "n", geometry: rect(2, 2, 3, 3) }]);
    expect(idx.lookup(5.5, 5.5)).toBe("m");
    expect(idx.lookup(3, 3)).toBe("n");
    expect(idx.lookup(4, 4)).toBeNull();
  });

  it("copes with no items and rejects duplicate ids", () => {
    expect(new GridIndex([]).lookup(0, 0)).toBeNull();
    expect(() => new GridIndex([left, left])).toThrow(/duplicate id b-left/);
  });

  it("agrees with naiveLookup over a jittered tiling, testing only bbox candidates", () => {
    const { items, lattice, bounds } = jitteredTiling(20, 20, 7);
    expect(items).toHaveLength(401);
    const idx = new GridIndex(items);
    const rand = rng(42);
    const [x0, y0, x1, y1] = bounds;
    const points: Position[] = [];
    for (let k = 0; k < 3000; k++) {
      points.push([x0 - 0.01 + rand() * (x1 - x0 + 0.02), y0 - 0.01 + rand() * (y1 - y0 + 0.02)]);
    }
    for (let i = 0; i < lattice.length; i++) {
      for (let j = 0; j < (lattice[i]?.length ?? 0); j++) {
        const p = lattice[i]?.[j] as Position;
        const q = lattice[i + 1]?.[j];
        points.push(p);
        if (q) points.push([(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]); // on a (possibly slanted) edge
      }
    }
    let inside = 0;
    let ties = 0;
    let maxCandidates = 0;
    for (const [lng, lat] of points) {
      const found = idx.lookup(lng, lat);
      expect(found).toBe(naiveLookup(items, lng, lat));
      const all = idx.lookupAll(lng, lat);
      expect(all).toEqual(naiveLookupAll(items, lng, lat));
      if (found !== null) {
        inside++;
        expect(found).toBe(all[0]);
      }
      if (all.length > 1) ties++;
      maxCandidates = Math.max(maxCandidates, idx.candidates(lng, lat).length);
      const strictlyWithin = lng > x0 && lng < x1 && lat > y0 && lat < y1;
      if (strictlyWithin) expect(found).not.toBeNull();
    }
    // Every interior lattice vertex is shared by four cells.
    const v = lattice[5]?.[5] as Position;
    expect(idx.lookupAll(v[0], v[1])).toHaveLength(4);
    expect(inside).toBeGreaterThan(2500);
    expect(ties).toBeGreaterThan(700);
    expect(maxCandidates).toBeLessThan(15);
  });
});
