import type { AssessmentSettings, Patrol } from "@civicgrid/contracts";
import { and, asc, eq, sql } from "drizzle-orm";
import { byText } from "../domain/merge";
import { summarizeTrack, type LocatedPoint } from "../domain/track";
import type { Db } from "./db";
import { patrolPoints, patrols } from "./schema";
import { eachShard, type Shard } from "./shards";

export type PatrolRow = typeof patrols.$inferSelect;

/** A patrol as the API shows it: without the divisions and grids it is filed under. */
export function patrolView(row: PatrolRow): Patrol {
  const { divisionCode: _division, countyCode: _county, servedGrids: _served, ...view } = row;
  return view;
}

/**
 * A patrol and the shard that keeps it, looked for on some shards in parallel (its id names no county: the route
 * asks the worker's own shard first, then every shard).
 */
export async function findPatrol(shards: readonly Shard[], id: string) {
  const found = await eachShard(shards, (db) => db.select().from(patrols).where(eq(patrols.id, id)).get());
  const at = found.findIndex((row) => row !== undefined);
  return at === -1 ? undefined : { shard: shards[at]!, patrol: found[at]! };
}

/** The worker's open patrol on any of the shards, if any (one at a time, wherever it was started). */
export async function openPatrolOf(shards: readonly Shard[], sub: string) {
  const open = await eachShard(shards, (db) =>
    db
      .select({ id: patrols.id })
      .from(patrols)
      .where(and(eq(patrols.sub, sub), eq(patrols.status, "open")))
      .get(),
  );
  return open.find((row) => row !== undefined);
}

export const startPatrol = (db: Db, patrol: Omit<typeof patrols.$inferInsert, "status">) =>
  db
    .insert(patrols)
    .values({ ...patrol, status: "open" })
    .returning()
    .get();

/** A worker's patrols of one day, on every shard, by start. */
export async function patrolsOfDay(shards: readonly Shard[], sub: string, day: string) {
  const lists = await eachShard(shards, (db) =>
    db
      .select()
      .from(patrols)
      .where(and(eq(patrols.sub, sub), eq(patrols.day, day)))
      .all(),
  );
  return lists.flat().sort((a, b) => byText(a.startedAt, b.startedAt));
}

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

/**
 * Re-derives a patrol's counted minutes, distance, coverage and flags from all its stored fixes, under its county's
 * speed limit (the settings are city-wide: the caller reads them); `end` ends it.
 */
export async function resummarize(
  db: Db,
  patrol: PatrolRow,
  settings: Pick<AssessmentSettings, "maxSpeedKmh">,
  end?: string,
): Promise<PatrolRow> {
  const points = await db
    .select({ atMs: patrolPoints.atMs, lng: patrolPoints.lng, lat: patrolPoints.lat, gridCode: patrolPoints.gridCode })
    .from(patrolPoints)
    .where(eq(patrolPoints.patrolId, patrol.id))
    .orderBy(asc(patrolPoints.atMs))
    .all();
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
