import { GRID_COUNTS_CHANGED, countyOf, townshipOf, type GridCountsChanged } from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import { countGrids, emptyFigures, population, type GridFigures } from "../domain/counts-compute";
import type { Env } from "../env";
import { gridCountsOfVillage, pushGridCounts, type PushedCounts } from "../store/counts";
import type { VillageDb } from "./db";
import { enqueue, villageEvent } from "./outbox";
import { households, houses, meta, people, tags, units } from "./schema";

/** Meta keys: the count version (numbers each push) and the generation (moves with every applied change). */
const VERSION = "counts_version";
const GENERATION = "counts_generation";
/** Recounts when changes arrive while a push is on its way, before leaving the row for the alarm to retry. */
const ATTEMPTS = 3;

/**
 * Asks for the village's counts to be pushed after a change (inside the change's transaction): one outbox row,
 * kept once however many changes come before the alarm delivers it, and a generation that tells the sender
 * whether a change arrived while it was pushing.
 */
export function enqueueCounts(db: VillageDb): void {
  db.insert(meta)
    .values({ key: GENERATION, value: "1" })
    .onConflictDoUpdate({ target: meta.key, set: { value: sql`CAST(${meta.value} AS INTEGER) + 1` } })
    .run();
  enqueue(db, "counts", "counts", { reason: "changed" });
}

const metaNumber = (db: VillageDb, key: string) =>
  Number(db.select().from(meta).where(eq(meta.key, key)).get()?.value ?? 0);

/** Today in Asia/Shanghai (UTC+8, no daylight saving), for tags that end on a date. */
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The figures of every grid of the village, from its own tables. */
export function villageFigures(db: VillageDb, at: Date): Map<string, GridFigures> {
  return countGrids({
    people: db
      .select({
        id: people.id,
        gridCode: people.gridCode,
        personType: people.personType,
        status: people.status,
        householdId: people.householdId,
      })
      .from(people)
      .all(),
    households: db.select({ id: households.id, headPersonId: households.headPersonId }).from(households).all(),
    houses: db.select({ gridCode: houses.gridCode, use: houses.use, rented: houses.rented }).from(houses).all(),
    units: db.select({ gridCode: units.gridCode, status: units.status }).from(units).all(),
    tags: db.select({ personId: tags.personId, kind: tags.kind, end: tags.end }).from(tags).all(),
    today: shanghaiDay(at),
  });
}

/**
 * Pushes the village's counts: recomputed per grid, numbered with the next count version, written to D1 (where
 * townships, counties and the city sum them) and, for each grid whose households or population moved, told to the
 * registry (its grid facts and 公示). Grids that had counts and now hold nothing are pushed as zero. The registry
 * event goes first: if D1 then fails, the retry recounts and sends again, and the registry keeps the newest
 * version, so nothing is lost and nothing counts twice.
 */
export async function sendCounts(env: Env, db: VillageDb, villageCode: string): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const generation = metaNumber(db, GENERATION);
    const at = new Date();
    const version = metaNumber(db, VERSION) + 1;
    db.insert(meta)
      .values({ key: VERSION, value: String(version) })
      .onConflictDoUpdate({ target: meta.key, set: { value: String(version) } })
      .run();
    const figures = villageFigures(db, at);
    const held = await gridCountsOfVillage(env.DB, villageCode);
    for (const grid of held.keys()) if (!figures.has(grid)) figures.set(grid, emptyFigures());
    const rows: PushedCounts[] = [...figures].map(([gridCode, f]) => ({
      gridCode,
      villageCode,
      townshipCode: townshipOf(villageCode) ?? villageCode,
      countyCode: countyOf(villageCode),
      ...f,
      version,
      asOf: at.toISOString(),
    }));
    const moved = rows.filter((r) => {
      const before = held.get(r.gridCode);
      return !before || before.households !== r.households || population(before) !== population(r);
    });
    if (moved.length > 0)
      await env.REGISTRY_QUEUE.sendBatch(moved.map((r) => ({ body: registryEvent(r, villageCode, at) })));
    await pushGridCounts(env.DB, rows);
    if (metaNumber(db, GENERATION) === generation) return;
  }
  throw new Error(`counts of ${villageCode} kept changing while being pushed; the alarm pushes them again`);
}

function registryEvent(row: PushedCounts, villageCode: string, at: Date) {
  const data: GridCountsChanged = {
    gridCode: row.gridCode,
    villageCode,
    population: population(row),
    households: row.households,
    version: row.version,
  };
  return villageEvent(GRID_COUNTS_CHANGED, villageCode, row.gridCode, row.version, data, at);
}
