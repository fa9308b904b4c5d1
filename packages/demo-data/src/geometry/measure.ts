/** Planar measures on lng/lat rings (open or closed lists of [x, y]). */
export type Point = readonly [number, number];

/** Signed shoelace area in square degrees (positive for counter-clockwise rings). */
export function signedArea(ring: readonly Point[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[(i + 1) % n] ?? [0, 0];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area centroid of a simple ring. */
export function centroid(ring: readonly Point[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[(i + 1) % n] ?? [0, 0];
    const f = x1 * y2 - x2 * y1;
    a += f;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

const KM_PER_DEG = 111.32;

/** Approximate area in km² of a small ring given in degrees (equirectangular at its own latitude). */
export function areaKm2(ring: readonly Point[]): number {
  const [, lat] = centroid(ring);
  return Math.abs(signedArea(ring)) * KM_PER_DEG * KM_PER_DEG * Math.cos((lat * Math.PI) / 180);
}

/** The part of a convex-ish ring where nx * x + ny * y >= c (Sutherland-Hodgman clip). */
export function clipAbove(ring: readonly Point[], nx: number, ny: number, c: number): Point[] {
  const kept: Point[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i] ?? [0, 0];
    const q = ring[(i + 1) % n] ?? [0, 0];
    const sp = nx * p[0] + ny * p[1] - c;
    const sq = nx * q[0] + ny * q[1] - c;
    if (sp >= 0) kept.push(p);
    if (sp >= 0 !== sq >= 0) {
      const t = sp / (sp - sq);
      kept.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return kept;
}

export function areaAbove(ring: readonly Point[], nx: number, ny: number, c: number): number {
  const kept = clipAbove(ring, nx, ny, c);
  return kept.length < 3 ? 0 : signedArea(kept);
}

/** Isoperimetric quotient 4πA/P² (1 for a disc), with x scaled by `k` to make units even. */
export function compactness(ring: readonly Point[], k: number): number {
  if (ring.length < 3) return 0;
  let perimeter = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[(i + 1) % ring.length] ?? [0, 0];
    perimeter += Math.hypot((x2 - x1) * k, y2 - y1);
  }
  return perimeter === 0 ? 0 : (4 * Math.PI * Math.abs(signedArea(ring)) * k) / (perimeter * perimeter);
}
