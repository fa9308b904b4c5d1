import type { Patrol } from "@civicgrid/contracts";
import { and, asc, eq, sql } from "drizzle-orm";
import { summarizeTrack, type LocatedPoint } from "../domain/track";
import type { Db } from "./db";
import { patrolPoints, patrols } from "./schema";
import { loadSettings } from "./settings";

export type PatrolRow = typeof patrols.$inferSelect;

/** A patrol as the API shows it: without the divisions and grids it is filed under. */
export function patrolView(row: PatrolRow): Patrol {
  const { divisionCode: _division, countyCode: _county, servedGrids: _served, ...view } = row;
  return view;
}

export const loadPatrol = (db: Db, id: string) => db.select().from(patrols).where(eq(patrols.id, id)).get();

/** The worker's open patrol, if any (one at a time). */
export const openPatrolOf = (db: Db, sub: string) =>
  db
    .select({ id: patrols.id })
    .from(patrols)
    .where(and(eq(patrols.sub, sub), eq(patrols.status, "open")))
    .get();

export const startPatrol = (db: Db, patrol: Omit<typeof patrols.$inferInsert, "status">) =>
  db
    .insert(patrols)
    .values({ ...patrol, status: "open" })
    .returning()
    .get();

/** A worker's patrols of one day. */
export const patrolsOfDay = (db: Db, sub: string, day: string) =>
  db
    .select()
    .from(patrols)
    .where(and(eq(patrols.sub, sub), eq(patrols.day, day)))
    .all();

/** Keyed by (patrol, time): a batch posted twice adds nothing. */
export async function storePoints(db: Db, patrolId: string, points: readonly LocatedPoint[]): Promise<void> {
  const [first, ...rest] = points.map((p) =>
    db
      .insert(patrolPoints)
      .values({ patrolId, ...p })
      .onConflictDoNothing(),
  );
  if (first) await db.batch([first, ...rest]);
}

/** Re-derives a patrol's counted minutes, distance, coverage and flags from all its stored fixes; `end` ends it. */
export async function resummarize(db: Db, patrol: PatrolRow, end?: string): Promise<PatrolRow> {
  const points = await db
    .select({ atMs: patrolPoints.atMs, lng: patrolPoints.lng, lat: patrolPoints.lat, gridCode: patrolPoints.gridCode })
    .from(patrolPoints)
    .where(eq(patrolPoints.patrolId, patrol.id))
    .orderBy(asc(patrolPoints.atMs))
    .all();
  const settings = await loadSettings(db, patrol.countyCode);
  const summary = summarizeTrack(points, { maxSpeedKmh: settings.maxSpeedKmh, servedGrids: patrol.servedGrids });
  const row = await db
    .update(patrols)
    .set({
      pointCount: points.length,
      ...summary,
      ...(end === undefined ? {} : { status: "ended", endedAt: end }),
      version: sql`${patrols.version} + 1`,
    })
    .where(eq(patrols.id, patrol.id))
    .returning()
    .get();
  return row!;
}
