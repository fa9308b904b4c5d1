import { locate } from "./locate";
import { polygonsOf } from "./polygons";
import type { Geometry, Position, Ring } from "./types";

/**
 * A y between the polygon's vertices that is nearest the middle of its extent, so a horizontal scan line there
 * passes through no vertex of any of its rings (the JTS InteriorPointArea recipe). Null when the polygon is flat.
 */
function scanY(rings: readonly Ring[]): number | null {
  const shell = rings[0] ?? [];
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of shell) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!(minY < maxY)) return null;
  const centre = (minY + maxY) / 2;
  let lo = minY;
  let hi = maxY;
  for (const [, y] of rings.flat()) {
    if (y <= centre && y > lo) lo = y;
    if (y > centre && y < hi) hi = y;
  }
  return (lo + hi) / 2;
}

/** Widest interior stretch of one polygon along the line at `y`: [width, midpoint]. */
function widestAt(rings: readonly Ring[], y: number): [number, Position] | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i] as Position;
      const [bx, by] = ring[i + 1] as Position;
      if (ay > y !== by > y) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, Position] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const x0 = xs[i] as number;
    const x1 = xs[i + 1] as number;
    if (x1 - x0 > 0 && (!best || x1 - x0 > best[0])) best = [x1 - x0, [(x0 + x1) / 2, y]];
  }
  return best;
}

/**
 * A point guaranteed (for a valid geometry) to lie strictly inside it: the middle of the widest interior
 * stretch of a horizontal line through the middle of a polygon's extent, over all polygons of a MultiPolygon.
 * Good for map labels and for "which grid is this grid in" tests. Throws on a geometry with no interior.
 */
export function pointOnSurface(geometry: Geometry): Position {
  let best: [number, Position] | null = null;
  for (const rings of polygonsOf(geometry)) {
    const y = scanY(rings);
    if (y === null) continue;
    const found = widestAt(rings, y);
    if (found && (!best || found[0] > best[0]) && locate(found[1], geometry) === "inside") best = found;
  }
  if (!best) throw new Error("pointOnSurface: geometry has no interior");
  return best[1];
}
