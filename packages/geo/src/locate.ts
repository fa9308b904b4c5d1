import { polygonsOf } from "./polygons";
import { distanceToSegment } from "./segments";
import type { Geometry, Location, Position } from "./types";

/** Points within this many degrees (planar) of an edge are on the boundary (~0.1 µm). */
export const BOUNDARY_EPSILON = 1e-12;

export interface LocateOptions {
  /** Boundary tolerance in degrees; default {@link BOUNDARY_EPSILON}. */
  epsilon?: number;
}

/** Where `point` lies relative to one closed ring (holes ignored). */
export function locateInRing(point: Position, ring: readonly Position[], epsilon = BOUNDARY_EPSILON): Location {
  const [px, py] = point;
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const [ax, ay] = a;
    const [bx, by] = b;
    // Cheap box rejection before the distance test.
    if (
      px >= Math.min(ax, bx) - epsilon &&
      px <= Math.max(ax, bx) + epsilon &&
      py >= Math.min(ay, by) - epsilon &&
      py <= Math.max(ay, by) + epsilon &&
      distanceToSegment(point, a, b) <= epsilon
    ) {
      return "boundary";
    }
    // Ray cast towards +x; half-open rule on y so a vertex is counted once.
    if (ay > py !== by > py) {
      const x = ax + ((py - ay) * (bx - ax)) / (by - ay);
      if (px < x) inside = !inside;
    }
  }
  return inside ? "inside" : "outside";
}

/**
 * Where `point` lies relative to a Polygon or MultiPolygon.
 * A point inside a hole is `outside`; a point on a hole's ring is on the `boundary`.
 * For a MultiPolygon, `inside` any part wins, then `boundary` of any part.
 */
export function locate(point: Position, geometry: Geometry, options: LocateOptions = {}): Location {
  const epsilon = options.epsilon ?? BOUNDARY_EPSILON;
  let onBoundary = false;
  for (const polygon of polygonsOf(geometry)) {
    const result = locateInPolygon(point, polygon, epsilon);
    if (result === "inside") return "inside";
    if (result === "boundary") onBoundary = true;
  }
  return onBoundary ? "boundary" : "outside";
}

function locateInPolygon(point: Position, rings: readonly (readonly Position[])[], epsilon: number): Location {
  const [shell, ...holes] = rings;
  if (!shell) return "outside";
  const inShell = locateInRing(point, shell, epsilon);
  if (inShell !== "inside") return inShell;
  for (const hole of holes) {
    const inHole = locateInRing(point, hole, epsilon);
    if (inHole === "boundary") return "boundary";
    if (inHole === "inside") return "outside";
  }
  return "inside";
}
