import { createHash } from "node:crypto";
import { generateCity } from "../src";
import type { City } from "../src";

type Ring = readonly (readonly [number, number])[];

/** Planar shoelace area of a closed ring, in square degrees (signed: CCW positive). */
export function shoelace(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[i + 1] ?? [0, 0];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Even-odd ray casting; points on an edge are not expected (measure zero). */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function bbox(ring: Ring): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export const sha256 = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex");

let cached: City | undefined;
/** The default city, generated once per test file. */
export function defaultCity(): City {
  cached ??= generateCity();
  return cached;
}
