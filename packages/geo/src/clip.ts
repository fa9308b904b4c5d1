import type { Geom } from "polyclip-ts";
import { areaM2 } from "./measure";
import { polygonsOf } from "./polygons";
import type { Geometry, MultiPolygonGeometry, Ring } from "./types";

/** polyclip-ts input from a geometry, always in MultiPolygon form (its rings are plain [x, y] arrays). */
export function toGeom(geometry: Geometry): Geom {
  return polygonsOf(geometry) as Geom;
}

/** A polyclip-ts result as a MultiPolygon, or null when it is empty. */
export function fromGeom(result: Geom): MultiPolygonGeometry | null {
  const polygons = result as Ring[][];
  return polygons.length === 0 ? null : { type: "MultiPolygon", coordinates: polygons };
}

/** A part of a geometry with its area; geometry null when nothing (above the tolerance) is left. */
export interface AreaPart {
  geometry: MultiPolygonGeometry | null;
  areaM2: number;
}

/** Drops polygons smaller than `minAreaM2` (slivers from rounding) and measures what remains. */
export function withoutSlivers(result: Geom, minAreaM2: number): AreaPart {
  const kept: Ring[][] = [];
  let total = 0;
  for (const polygon of result as Ring[][]) {
    const a = areaM2({ type: "Polygon", coordinates: polygon });
    if (a >= minAreaM2) {
      kept.push(polygon);
      total += a;
    }
  }
  return kept.length === 0
    ? { geometry: null, areaM2: 0 }
    : { geometry: { type: "MultiPolygon", coordinates: kept }, areaM2: total };
}
