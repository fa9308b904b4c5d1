import { validateGeometry, type Geometry } from "@civicgrid/geo";
import { AppError } from "@civicgrid/http";

/** Most positions a grid or division boundary may have (closing positions included). */
export const MAX_VERTICES = 5000;

/**
 * A boundary that passed the geometry rules (closed rings, no self-intersection, WGS84 ranges, vertex
 * limit), or 400 naming each position at fault, e.g. `body.changes.0.grid.boundary.coordinates.0.3`.
 */
export function checkedBoundary(value: unknown, field: string): Geometry {
  const problems = validateGeometry(value, { maxVertices: MAX_VERTICES });
  if (problems.length === 0) return value as Geometry;
  const errors = problems.map((p) => ({ field: [field, ...(p.path ? p.path.split("/") : [])].join("."), message: p.message }));
  throw new AppError("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
}
