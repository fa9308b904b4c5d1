import { checkContainment } from "./containment";
import { findIntersections } from "./intersections";
import { polygonsOf } from "./polygons";
import type { GeometryProblem } from "./problems";
import { checkStructure, countPositions } from "./structure";
import type { Geometry } from "./types";

export interface ValidateOptions {
  /** Most positions allowed over all rings (closing positions included). Default 5000. */
  maxVertices?: number;
}

/**
 * Problems with a grid boundary, each naming its field (`coordinates/0/3`); empty when valid.
 * Checks, in order, stopping at the first stage that finds something:
 * 1. vertex count <= maxVertices (checked first so oversized input costs nothing more);
 * 2. shape: Polygon or MultiPolygon, rings of >= 4 closed positions, finite numbers in WGS84 ranges;
 * 3. rings do not self-intersect and rings of a polygon do not cross (flatbush-pruned segment tests);
 * 4. rings enclose area, holes lie inside their shell and not inside each other,
 *    polygons of a MultiPolygon do not contain one another.
 * Winding order is not enforced (RFC 7946 says parsers should not reject on it).
 */
export function validateGeometry(geometry: unknown, options: ValidateOptions = {}): GeometryProblem[] {
  const maxVertices = options.maxVertices ?? 5000;
  const count = countPositions(geometry);
  if (count > maxVertices) {
    return [{ path: "coordinates", message: `too many vertices: ${count} > ${maxVertices}` }];
  }
  const structural = checkStructure(geometry);
  if (structural.length > 0) return structural;
  const valid = geometry as Geometry;
  const polygons = polygonsOf(valid);
  const multi = valid.type === "MultiPolygon";
  const crossings = findIntersections(polygons, multi);
  if (crossings.length > 0) return crossings;
  return checkContainment(polygons, multi);
}

/** Type guard: `validateGeometry` finds nothing wrong. */
export function isValidGeometry(geometry: unknown, options: ValidateOptions = {}): geometry is Geometry {
  return validateGeometry(geometry, options).length === 0;
}
