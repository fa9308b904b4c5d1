import type { PointLocation } from "@civicgrid/contracts";
import { AppError, log } from "@civicgrid/http";
import type { Env } from "../env";
import { loadSettings } from "../settings";
import type { PatrolRow } from "./store";
import { summarizeTrack, type LocatedPoint } from "./summarize";

/** A patrol keeps at most this many fixes (one every 10 s for 14 hours). */
export const MAX_POINTS_PER_PATROL = 5000;

/** Asks the registry which grid each fix falls in, on the patrol's day. */
export async function locatePoints(env: Env, points: { lng: number; lat: number }[], day: string): Promise<(PointLocation | null)[]> {
  try {
    const located = await env.REGISTRY.locateMany(points, day);
    if (located.length !== points.length) throw new Error(`registry answered ${located.length} locations for ${points.length} points`);
    return located;
  } catch (error) {
    log("error", "registry locateMany failed", { service: "assessments", error: error instanceof Error ? error.message : String(error) });
    throw new AppError("bad_gateway", "the registry could not place the points; retry the batch");
  }
}

export async function storePoints(db: D1Database, patrolId: string, points: LocatedPoint[]): Promise<void> {
  if (points.length === 0) return;
  await db.batch(
    points.map((p) =>
      db.prepare("INSERT OR IGNORE INTO patrol_points (patrol_id, at_ms, lng, lat, grid_code) VALUES (?1, ?2, ?3, ?4, ?5)").bind(patrolId, p.atMs, p.lng, p.lat, p.gridCode),
    ),
  );
}

/** Re-derives a patrol's counted minutes, distance, coverage and flags from all its stored fixes. */
export async function resummarize(db: D1Database, patrol: PatrolRow, end?: string): Promise<PatrolRow> {
  const { results } = await db
    .prepare("SELECT at_ms AS atMs, lng, lat, grid_code AS gridCode FROM patrol_points WHERE patrol_id = ?1 ORDER BY at_ms")
    .bind(patrol.id)
    .all<LocatedPoint>();
  const settings = await loadSettings(db, patrol.county_code);
  const summary = summarizeTrack(results, { maxSpeedKmh: settings.maxSpeedKmh, servedGrids: JSON.parse(patrol.served_grids) as string[] });
  const row = await db
    .prepare(
      `UPDATE patrols SET point_count = ?2, counted_minutes = ?3, counted_distance_m = ?4, covered_grids = ?5, flags = ?6,
         status = CASE WHEN ?7 IS NULL THEN status ELSE 'ended' END, ended_at = COALESCE(?7, ended_at), version = version + 1
       WHERE id = ?1 RETURNING *`,
    )
    .bind(patrol.id, results.length, summary.countedMinutes, summary.countedDistanceM, JSON.stringify(summary.coveredGrids), JSON.stringify(summary.flags), end ?? null)
    .first<PatrolRow>();
  return row!;
}
