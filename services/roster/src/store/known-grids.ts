import { countyOf, type RegistryGridChanged } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import type { Db } from "./db";
import { knownGrids } from "./schema";

/** The status of a grid the roster knows of (undefined for one it does not). */
export async function knownGridStatus(db: Db, gridCode: string): Promise<string | undefined> {
  const [row] = await db.select({ status: knownGrids.status }).from(knownGrids).where(eq(knownGrids.code, gridCode));
  return row?.status;
}

/**
 * Upserts one `registry.grid.changed` snapshot. Each is the whole of a grid's facts, ordered per grid by the
 * registry's grid version, so the newest wins and an older or repeated one changes nothing (redelivery and
 * reordering are harmless). Rows known before the registry spoke carry version 0, so the first snapshot wins.
 */
export function upsertKnownGrid(db: Db, grid: RegistryGridChanged, version: number, eventId: string, now: string) {
  return db
    .insert(knownGrids)
    .values({
      code: grid.gridCode,
      countyCode: countyOf(grid.villageCode),
      status: grid.status,
      version,
      eventId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: knownGrids.code,
      set: {
        status: sql`excluded.status`,
        version: sql`excluded.version`,
        eventId: sql`excluded.event_id`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`excluded.version > ${knownGrids.version}`,
    });
}
