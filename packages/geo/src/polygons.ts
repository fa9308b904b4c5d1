import type { BBox, Geometry, Position, Ring } from "./types";

/** The polygons of a geometry as lists of rings (shell first), whatever its type. */
export function polygonsOf(geometry: Geometry): Ring[][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

/** Bounding box of a geometry; all NaN-free input assumed (validate first). */
export function bbox(geometry: Geometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    // Holes lie inside their shell, so the shell is enough.
    const shell = polygon[0];
    if (!shell) continue;
    for (const [x, y] of shell) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Planar signed area of a ring in square degrees (positive when counter-clockwise). */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}
