/**
 * Where the divisions and grids lie: a generated, exact tiling of an outline around Jiangmen.
 * Counties are placed near their real centres with their real areas (km², rounded); townships,
 * villages and grids follow by weight (urban communities small, rural villages large).
 */
import { CITY_CODE, childrenOf } from "./data";
import type { DivisionRecord } from "./data";
import { partition } from "./geometry/partition";
import type { PartItem } from "./geometry/partition";
import { Topology } from "./geometry/topology";
import { createRng } from "./random";

/** A convex outline of Jiangmen, counter-clockwise [lng, lat]. */
const CITY_OUTLINE: readonly [number, number][] = [
  [112.35, 21.66],
  [112.63, 21.6],
  [112.95, 21.66],
  [113.15, 21.98],
  [113.22, 22.48],
  [113.1, 22.76],
  [112.84, 22.86],
  [112.45, 22.6],
  [112.17, 22.3],
];

/** Approximate real centres and land areas (km²) of the county-level divisions. */
const COUNTIES: Record<string, { site: [number, number]; areaKm2: number }> = {
  "440703000000": { site: [113.06, 22.64], areaKm2: 324 }, // 蓬江区
  "440704000000": { site: [113.13, 22.55], areaKm2: 107 }, // 江海区
  "440705000000": { site: [113.03, 22.4], areaKm2: 1355 }, // 新会区
  "440781000000": { site: [112.78, 21.98], areaKm2: 3286 }, // 台山市
  "440783000000": { site: [112.62, 22.38], areaKm2: 1659 }, // 开平市
  "440784000000": { site: [112.88, 22.74], areaKm2: 1083 }, // 鹤山市
  "440785000000": { site: [112.28, 22.2], areaKm2: 1698 }, // 恩平市
};

export interface Layout {
  topo: Topology;
  /** Ring id of every division, by 12-digit code. */
  divisionRings: Map<string, number>;
  /** Ring id of every grid, by grid code. */
  gridRings: Map<string, number>;
}

/** Relative area weight of each village: urban communities are dense and small. */
function villageWeights(seed: number, villages: DivisionRecord[]): number[] {
  return villages.map((v) => {
    const rng = createRng(seed, "village-area", v.code);
    return v.urban ? rng.float(0.3, 0.7) : rng.float(1, 2.4);
  });
}

export function layoutCity(seed: number, gridCounts: ReadonlyMap<string, number>): Layout {
  const topo = new Topology();
  const divisionRings = new Map<string, number>();
  const gridRings = new Map<string, number>();
  const city = topo.addRing(CITY_OUTLINE.map(([x, y]) => topo.addVertex(x, y)));
  divisionRings.set(CITY_CODE, city);

  const place = (parentRing: number, children: DivisionRecord[], items: PartItem[], label: string): void => {
    const rings = partition(topo, parentRing, items, createRng(seed, "layout", label));
    children.forEach((c, i) => divisionRings.set(c.code, rings[i] ?? -1));
  };

  const counties = childrenOf(CITY_CODE);
  place(
    city,
    counties,
    counties.map((c) => {
      const known = COUNTIES[c.code];
      if (!known) throw new Error(`no site for county ${c.code}`);
      return { weight: known.areaKm2, site: known.site };
    }),
    CITY_CODE,
  );

  for (const county of counties) {
    const townships = childrenOf(county.code);
    const villagesOf = townships.map((t) => childrenOf(t.code));
    const weights = villagesOf.map((vs, i) => {
      const sum = villageWeights(seed, vs).reduce((a, b) => a + b, 0);
      return sum * createRng(seed, "township-area", townships[i]?.code ?? "").float(0.8, 1.25);
    });
    place(
      ring(divisionRings, county.code),
      townships,
      weights.map((weight) => ({ weight })),
      county.code,
    );

    townships.forEach((township, t) => {
      const villages = villagesOf[t] ?? [];
      const items = villageWeights(seed, villages).map((weight) => ({ weight }));
      place(ring(divisionRings, township.code), villages, items, township.code);
    });
  }

  for (const [villageCode, count] of gridCounts) {
    const rng = createRng(seed, "grid-area", villageCode);
    const items = Array.from({ length: count }, () => ({ weight: rng.float(0.7, 1.3) }));
    const rings = partition(topo, ring(divisionRings, villageCode), items, rng, 3);
    rings.forEach((r, i) => gridRings.set(gridCode(villageCode, i + 1), r));
  }
  return { topo, divisionRings, gridRings };
}

export function gridCode(villageCode: string, sequence: number): string {
  return villageCode + String(sequence).padStart(3, "0");
}

function ring(rings: Map<string, number>, code: string): number {
  const id = rings.get(code);
  if (id === undefined) throw new Error(`no ring for ${code}`);
  return id;
}
