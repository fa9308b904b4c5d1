import type { GeoItem, Geometry, PolygonGeometry, Position } from "../src";

/** Axis-aligned rectangle as a Polygon, counter-clockwise. */
export function rect(x0: number, y0: number, x1: number, y1: number, holes: Position[][] = []): PolygonGeometry {
  return {
    type: "Polygon",
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
      ...holes,
    ],
  };
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Degrees of latitude / longitude per metre near `lat` on the 6371008.8 m sphere. */
export const degLatPerM = 180 / (Math.PI * 6371008.8);
export const degLngPerM = (lat: number) => degLatPerM / Math.cos((lat * Math.PI) / 180);

export interface Tiling {
  items: GeoItem[];
  lattice: Position[][];
  bounds: [number, number, number, number];
}

/**
 * An nx × ny tiling of jittered quadrilaterals sharing exact vertices, ids shuffled so id order is unrelated
 * to position. Cell (1,1) is a MultiPolygon with a hole filled by an extra "island" grid.
 */
export function jitteredTiling(nx: number, ny: number, seed = 1): Tiling {
  const rand = rng(seed);
  const [x0, y0, step] = [113.0, 22.5, 0.01];
  const lattice: Position[][] = [];
  for (let i = 0; i <= nx; i++) {
    const column: Position[] = [];
    for (let j = 0; j <= ny; j++) {
      const edge = i === 0 || j === 0 || i === nx || j === ny;
      const jx = edge ? 0 : (rand() - 0.5) * 0.5 * step;
      const jy = edge ? 0 : (rand() - 0.5) * 0.5 * step;
      column.push([x0 + i * step + jx, y0 + j * step + jy]);
    }
    lattice.push(column);
  }
  const at = (i: number, j: number) => lattice[i]?.[j] as Position;
  const ids = Array.from({ length: nx * ny + 1 }, (_, k) => `44070300${String(k).padStart(4, "0")}`);
  for (let k = ids.length - 1; k > 0; k--) {
    const r = Math.floor(rand() * (k + 1));
    [ids[k], ids[r]] = [ids[r] as string, ids[k] as string];
  }
  const items: GeoItem[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const shell = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1), at(i, j)];
      let geometry: Geometry = { type: "Polygon", coordinates: [shell] };
      if (i === 1 && j === 1) {
        const [cx, cy] = [(at(i, j)[0] + at(i + 1, j + 1)[0]) / 2, (at(i, j)[1] + at(i + 1, j + 1)[1]) / 2];
        const d = step / 10;
        const hole: Position[] = [
          [cx - d, cy - d],
          [cx - d, cy + d],
          [cx + d, cy + d],
          [cx + d, cy - d],
          [cx - d, cy - d],
        ];
        geometry = { type: "MultiPolygon", coordinates: [[shell, hole]] };
        items.push({ id: ids[nx * ny] as string, geometry: rect(cx - d, cy - d, cx + d, cy + d) });
      }
      items.push({ id: ids[i * ny + j] as string, geometry });
    }
  }
  return { items, lattice, bounds: [x0, y0, x0 + nx * step, y0 + ny * step] };
}
