import { locate } from "./locate";
import type { GeoItem, Location } from "./types";

/**
 * The tie-break shared by {@link GridIndex.lookup} and {@link naiveLookup}, given where a point lies relative
 * to each candidate:
 * 1. among items whose interior contains the point, the smallest id;
 * 2. otherwise, among items whose boundary holds it (a shared edge or vertex), the smallest id;
 * 3. otherwise null.
 * Ids compare by UTF-16 code units (`<`), never by locale, so the answer is the same everywhere.
 * In a valid layout (no overlaps) step 1 has at most one match, so the rule reads: the grid containing the
 * point, or on a border the smallest id among the grids whose closure contains it.
 */
export function pickId(located: Iterable<{ id: string; where: Location }>): string | null {
  let inside: string | null = null;
  let boundary: string | null = null;
  for (const { id, where } of located) {
    if (where === "inside" && (inside === null || id < inside)) inside = id;
    if (where === "boundary" && (boundary === null || id < boundary)) boundary = id;
  }
  return inside ?? boundary;
}

/** Ids, ascending, of all items whose closure (interior or boundary) contains the point. */
export function closureIds(located: Iterable<{ id: string; where: Location }>): string[] {
  const ids: string[] = [];
  for (const { id, where } of located) if (where !== "outside") ids.push(id);
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function* locateAll(items: readonly GeoItem[], lng: number, lat: number) {
  for (const { id, geometry } of items) yield { id, where: locate([lng, lat], geometry) };
}

/** Same answer as {@link GridIndex.lookup} by testing every item; the baseline for benchmarks and tests. */
export function naiveLookup(items: readonly GeoItem[], lng: number, lat: number): string | null {
  return pickId(locateAll(items, lng, lat));
}

/** Same answer as {@link GridIndex.lookupAll} by testing every item. */
export function naiveLookupAll(items: readonly GeoItem[], lng: number, lat: number): string[] {
  return closureIds(locateAll(items, lng, lat));
}
