import { sql } from "drizzle-orm";
import { inJson, type Db, type Statement } from "./db";
import { gridBaseCounts } from "./schema";

export type BaseCounts = typeof gridBaseCounts.$inferSelect;

/**
 * A grid's counts from the base data, kept only when its count version is newer than the one held: the village
 * object numbers its counts, so a redelivered or late event changes nothing.
 */
export function upsertBaseCounts(db: Db, row: Omit<BaseCounts, "updatedAt">): Statement {
  const values = { ...row, updatedAt: new Date().toISOString() };
  const { gridCode: _code, ...set } = values;
  return db
    .insert(gridBaseCounts)
    .values(values)
    .onConflictDoUpdate({
      target: gridBaseCounts.gridCode,
      set,
      setWhere: sql`excluded.version > ${gridBaseCounts.version}`,
    });
}

/** The base-data counts held for each named grid (grids without are absent). */
export async function baseCountsOf(db: Db, codes: readonly string[]): Promise<Map<string, BaseCounts>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select().from(gridBaseCounts).where(inJson(gridBaseCounts.gridCode, codes));
  return new Map(rows.map((r) => [r.gridCode, r]));
}
