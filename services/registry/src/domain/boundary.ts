import { validateGeometry, type Geometry } from "@civicgrid/geo";
import type { Refusal } from "./refusal";

/** Most positions a grid or division boundary may have (closing positions included). */
export const MAX_VERTICES = 5000;

/**
 * A boundary that passed the geometry rules (closed rings, no self-intersection, WGS84 ranges, vertex
 * limit), or a refusal naming each position at fault, e.g. `body.changes.0.grid.boundary.coordinates.0.3`.
 */
export function checkedBoundary(value: unknown, field: string): Geometry | Refusal {
  const problems = validateGeometry(value, { maxVertices: MAX_VERTICES });
  if (problems.length === 0) return value as Geometry;
  const errors = problems.map((p) => ({
    field: [field, ...(p.path ? p.path.split("/") : [])].join("."),
    message: p.message,
  }));
  return { refused: "validation_failed", message: errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors };
}
