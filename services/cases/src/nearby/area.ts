import { distanceM, EARTH_RADIUS_M } from "@civicgrid/geo";

/** The search area of a possible duplicate: a bounding box for the index, then the exact great-circle distance. */

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The box that holds every point within `radiusM` of (lng, lat) (a little larger: the circle's corners are out). */
export function boxAround(lng: number, lat: number, radiusM: number): Box {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** The points within `radiusM`, nearest first (ties by id), each with its distance in whole metres. */
export function nearestWithin<T extends { id: string; lng: number; lat: number }>(
  rows: readonly T[],
  lng: number,
  lat: number,
  radiusM: number,
): (T & { distanceMeters: number })[] {
  return rows
    .map((row) => ({ ...row, distanceMeters: distanceM([lng, lat], [row.lng, row.lat]) }))
    .filter((row) => row.distanceMeters <= radiusM)
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id.localeCompare(b.id))
    .map((row) => ({ ...row, distanceMeters: Math.round(row.distanceMeters) }));
}
