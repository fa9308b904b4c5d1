import { describe, expect, it } from "vitest";
import { generateCases, generateCity } from "../src";
import type { CaseGrid } from "../src";
import { defaultCity, pointInRing, sha256 } from "./helpers";

describe("larger sets", () => {
  it("generates 30,000 grids tiling the same villages", { timeout: 120_000 }, () => {
    const started = performance.now();
    const city = generateCity({ grids: 30_000 });
    const seconds = (performance.now() - started) / 1000;
    expect(city.grids).toHaveLength(30_000);
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(30_000);
    expect(city.divisions.filter((d) => d.level === "village")).toHaveLength(1348);
    expect(seconds).toBeLessThan(30);
  });

  it("streams cases lazily and deterministically, inside their grids", () => {
    const grids: readonly CaseGrid[] = defaultCity().grids;
    const stream = generateCases({ seed: 1, count: 1_000_000, grids });
    expect(Array.isArray(stream)).toBe(false);
    const first = stream.next();
    expect(first.done).toBe(false);
    const take = (n: number) => {
      const out = [];
      for (const c of generateCases({ seed: 1, count: 1_000_000, grids })) {
        out.push(c);
        if (out.length === n) break;
      }
      return out;
    };
    const a = take(2000);
    expect(sha256(a)).toBe(sha256(take(2000)));
    expect(a[0]).toEqual(first.value);
    const byCode = new Map(grids.map((g) => [g.code, g]));
    let last = "";
    for (const c of a) {
      const g = byCode.get(c.gridCode);
      expect(g).toBeDefined();
      expect(pointInRing(c.lng, c.lat, g?.geometry.coordinates[0] ?? []), c.id).toBe(true);
      expect(c.reportedAt >= last).toBe(true);
      expect(c.updatedAt >= c.reportedAt).toBe(true);
      last = c.reportedAt;
    }
    expect(new Set(a.map((c) => c.source)).size).toBe(4);
  });

  it("gets through a million cases without keeping them", { timeout: 120_000 }, () => {
    const grids = defaultCity().grids;
    let n = 0;
    let lastId = "";
    for (const c of generateCases({ seed: 2, count: 1_000_000, grids })) {
      n++;
      lastId = c.id;
    }
    expect(n).toBe(1_000_000);
    expect(lastId).toBe("case-2-01000000");
  });
});
