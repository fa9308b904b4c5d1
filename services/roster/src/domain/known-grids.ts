import type { RegistryGridChanged } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { countyOf } from "../access";

/**
 * The grids the roster knows of, kept from the registry's `registry.grid.changed` snapshots (and the demo
 * seed): the vacancy report runs over the active ones, and every grid a request names must be one of them.
 */

/** Refuses (422, naming the field) a new appointment to a grid the registry has retired. */
export async function assertGridInService(db: D1Database, gridCode: string, field: string): Promise<void> {
  const row = await db
    .prepare("SELECT status FROM known_grids WHERE code = ?1")
    .bind(gridCode)
    .first<{ status: string }>();
  if (row?.status !== "retired") return;
  throw AppError.field(field, `grid ${gridCode} is retired: nobody is appointed to it`, "unprocessable");
}

/**
 * Upserts one snapshot. Each is the whole of a grid's facts, ordered per grid by the registry's grid version,
 * so the newest wins and an older or repeated one changes nothing (redelivery and reordering are harmless).
 * Rows the roster knew before it heard from the registry carry version 0, so the first snapshot wins.
 */
export function upsertKnownGrid(
  db: D1Database,
  grid: RegistryGridChanged,
  version: number,
  eventId: string,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO known_grids (code, county_code, status, version, event_id, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (code) DO UPDATE SET status = excluded.status, version = excluded.version,
         event_id = excluded.event_id, updated_at = excluded.updated_at
       WHERE excluded.version > known_grids.version`,
    )
    .bind(grid.gridCode, countyOf(grid.villageCode), grid.status, version, eventId, now);
}
