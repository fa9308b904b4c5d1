import { distanceM } from "./measure";
import type { Position } from "./types";

/** A patrol fix: where and when (epoch milliseconds, ISO-8601 string or Date). */
export interface TrackPoint {
  lng: number;
  lat: number;
  at: number | string | Date;
}

const positionOf = (p: Position | TrackPoint): Position => (Array.isArray(p) ? p : [p.lng, p.lat]);

function epochMs(at: TrackPoint["at"]): number {
  const ms = typeof at === "number" ? at : typeof at === "string" ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp: ${String(at)}`);
  return ms;
}

/** Length in metres of a track, summing great-circle legs in order; 0 for fewer than two points. */
export function trackLength(points: readonly (Position | TrackPoint)[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    total += distanceM(
      positionOf(points[i - 1] as Position | TrackPoint),
      positionOf(points[i] as Position | TrackPoint),
    );
  }
  return total;
}

/**
 * Average speed in km/h between two fixes, whatever their order in time.
 * Same instant: 0 if at the same place, otherwise Infinity (an impossible jump, worth flagging).
 */
export function speedKmh(a: TrackPoint, b: TrackPoint): number {
  const metres = distanceM(positionOf(a), positionOf(b));
  const hours = Math.abs(epochMs(b.at) - epochMs(a.at)) / 3_600_000;
  if (hours === 0) return metres === 0 ? 0 : Infinity;
  return metres / 1000 / hours;
}
