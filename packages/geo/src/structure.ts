import { polygonPath, ringPath } from "./problems";
import type { GeometryProblem } from "./problems";

const MAX_PROBLEMS = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Number of positions in a Polygon/MultiPolygon-shaped value, tolerant of garbage. */
export function countPositions(geometry: unknown): number {
  if (!isRecord(geometry) || !Array.isArray(geometry.coordinates)) return 0;
  const polygons: unknown[] = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
  let count = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) if (Array.isArray(ring)) count += ring.length;
  }
  return count;
}

/**
 * Shape checks: type, nesting, ring length and closure, finite WGS84 numbers.
 * Stops after {@link MAX_PROBLEMS} problems so hostile input cannot blow up the answer.
 */
export function checkStructure(geometry: unknown): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  if (!isRecord(geometry)) return [{ path: "", message: "geometry must be an object" }];
  const { type, coordinates } = geometry;
  if (type !== "Polygon" && type !== "MultiPolygon") {
    return [{ path: "type", message: "type must be Polygon or MultiPolygon" }];
  }
  if (!Array.isArray(coordinates)) return [{ path: "coordinates", message: "coordinates must be an array" }];
  const multi = type === "MultiPolygon";
  const polygons: unknown[] = multi ? coordinates : [coordinates];
  if (multi && polygons.length === 0) {
    return [{ path: "coordinates", message: "a MultiPolygon needs at least one polygon" }];
  }
  polygons.forEach((polygon, p) => {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      problems.push({ path: polygonPath(multi, p), message: "a polygon must be a non-empty array of rings" });
      return;
    }
    polygon.forEach((ring: unknown, r) => checkRing(ring, ringPath(multi, p, r), problems));
  });
  return problems.slice(0, MAX_PROBLEMS);
}

function checkRing(ring: unknown, path: string, problems: GeometryProblem[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  if (!Array.isArray(ring)) {
    problems.push({ path, message: "a ring must be an array of positions" });
    return;
  }
  let positionsOk = true;
  ring.forEach((position: unknown, i) => {
    const problem = checkPosition(position);
    if (problem && problems.length < MAX_PROBLEMS) {
      problems.push({ path: `${path}/${i}${problem.suffix}`, message: problem.message });
    }
    if (problem) positionsOk = false;
  });
  if (ring.length < 4) {
    problems.push({ path, message: `a ring needs at least 4 positions, got ${ring.length}` });
    return;
  }
  if (!positionsOk) return;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({
      path: `${path}/${ring.length - 1}`,
      message: "ring is not closed: last position must equal the first",
    });
  }
}

function checkPosition(position: unknown): { suffix: string; message: string } | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
    return { suffix: "", message: "a position must be [longitude, latitude]" };
  }
  const [lng, lat] = position as unknown[];
  if (typeof lng !== "number" || !Number.isFinite(lng))
    return { suffix: "/0", message: "longitude must be a finite number" };
  if (typeof lat !== "number" || !Number.isFinite(lat))
    return { suffix: "/1", message: "latitude must be a finite number" };
  if (lng < -180 || lng > 180) return { suffix: "/0", message: `longitude ${lng} is outside -180..180` };
  if (lat < -90 || lat > 90) return { suffix: "/1", message: `latitude ${lat} is outside -90..90` };
  return null;
}
