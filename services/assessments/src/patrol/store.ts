import type { Patrol } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

export interface PatrolRow {
  id: string;
  sub: string;
  division_code: string;
  county_code: string;
  served_grids: string;
  day: string;
  status: "open" | "ended";
  started_at: string;
  ended_at: string | null;
  point_count: number;
  counted_minutes: number;
  counted_distance_m: number;
  covered_grids: string;
  flags: string;
  version: number;
}

export function patrolView(row: PatrolRow): Patrol {
  return {
    id: row.id,
    sub: row.sub,
    day: row.day,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    pointCount: row.point_count,
    countedMinutes: row.counted_minutes,
    countedDistanceM: row.counted_distance_m,
    coveredGrids: JSON.parse(row.covered_grids) as string[],
    flags: JSON.parse(row.flags) as Patrol["flags"],
    version: row.version,
  };
}

export async function loadPatrol(db: D1Database, id: string): Promise<PatrolRow> {
  const row = await db.prepare("SELECT * FROM patrols WHERE id = ?1").bind(id).first<PatrolRow>();
  if (!row) throw new AppError("not_found", `no patrol ${id}`);
  return row;
}
