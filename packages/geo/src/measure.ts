import { area } from "@turf/area";
import type { Geometry, Position } from "./types";

/** Mean Earth radius in metres (the value @turf uses). */
export const EARTH_RADIUS_M = 6371008.8;

/**
 * Geodesic area in m² on a sphere (spherical excess, via @turf/area): shells minus holes.
 * Ring orientation does not matter.
 */
export function areaM2(geometry: Geometry): number {
  return area(geometry);
}

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance in metres between two [lng, lat] positions. */
export function distanceM(a: Position, b: Position): number {
  const dLat = toRad(b[1] - a[1]);
  const dLng = toRad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
