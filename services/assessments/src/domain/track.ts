import type { PatrolFlag } from "@civicgrid/contracts";
import { distanceM, speedKmh } from "@civicgrid/geo";

/** A stored fix of a patrol, with the grid the registry placed it in (null: outside every grid). */
export interface LocatedPoint {
  atMs: number;
  lng: number;
  lat: number;
  gridCode: string | null;
}

export interface TrackRules {
  maxSpeedKmh: number;
  servedGrids: readonly string[];
}

export interface TrackSummary {
  countedMinutes: number;
  countedDistanceM: number;
  coveredGrids: string[];
  flags: { flag: PatrolFlag; segments: number }[];
}

/** A device that never leaves a 10 m circle did not patrol (GPS jitter stays within a few metres). */
export const STATIONARY_RADIUS_M = 10;
/** Two fixes further apart in time than this are a gap (device off, no signal): the time between is not patrol time. */
export const MAX_GAP_MS = 10 * 60_000;

/**
 * What a track counts for. Each segment between consecutive fixes counts when it is plausible: not
 * faster than `maxSpeedKmh` (a jump), both ends inside a grid the worker serves, and no longer than
 * MAX_GAP_MS. A track that never moves is flagged `stationary` and counts nothing. Flagged segments
 * are reported with their number, never silently dropped.
 */
export function summarizeTrack(points: readonly LocatedPoint[], rules: TrackRules): TrackSummary {
  const sorted = [...points].sort((a, b) => a.atMs - b.atMs);
  const served = new Set(rules.servedGrids);
  const flagCounts = new Map<PatrolFlag, number>();
  const flag = (f: PatrolFlag) => flagCounts.set(f, (flagCounts.get(f) ?? 0) + 1);
  const covered = new Set<string>();
  for (const p of sorted) if (p.gridCode && served.has(p.gridCode)) covered.add(p.gridCode);

  const first = sorted[0];
  if (
    first &&
    sorted.length >= 2 &&
    sorted.every((p) => distanceM([first.lng, first.lat], [p.lng, p.lat]) <= STATIONARY_RADIUS_M)
  ) {
    return {
      countedMinutes: 0,
      countedDistanceM: 0,
      coveredGrids: [],
      flags: [{ flag: "stationary", segments: sorted.length - 1 }],
    };
  }

  let ms = 0;
  let metres = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (speedKmh({ lng: a.lng, lat: a.lat, at: a.atMs }, { lng: b.lng, lat: b.lat, at: b.atMs }) > rules.maxSpeedKmh)
      flag("speed");
    else if (!a.gridCode || !b.gridCode || !served.has(a.gridCode) || !served.has(b.gridCode)) flag("outside_grids");
    else if (b.atMs - a.atMs > MAX_GAP_MS) flag("gap");
    else {
      ms += b.atMs - a.atMs;
      metres += distanceM([a.lng, a.lat], [b.lng, b.lat]);
    }
  }
  return {
    countedMinutes: Math.round((ms / 60_000) * 100) / 100,
    countedDistanceM: Math.round(metres * 10) / 10,
    coveredGrids: [...covered].sort(),
    flags: [...flagCounts].map(([f, segments]) => ({ flag: f, segments })).sort((x, y) => x.flag.localeCompare(y.flag)),
  };
}
