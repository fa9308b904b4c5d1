import { eq, sql } from "drizzle-orm";
import type { Db, Statement } from "./db";
import { registryState } from "./schema";

const LAYOUT_VERSION = eq(registryState.key, "layout_version");

/** The layout version: bumped in the same batch as every change to filed grids, read cheaply per lookup. */
export async function layoutVersion(db: Db): Promise<number> {
  const row = await db.select({ value: registryState.value }).from(registryState).where(LAYOUT_VERSION).get();
  return row?.value ?? 0;
}

/**
 * The next layout version: one more than now, or the current millisecond clock if that is larger. It only
 * grows, and two databases restored from one snapshot (tests) do not arrive at the same number for
 * different grids, which a per-isolate cache keyed by it relies on.
 */
export function bumpLayoutVersion(db: Db): Statement {
  return db
    .update(registryState)
    .set({ value: sql`max(${registryState.value} + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))` })
    .where(LAYOUT_VERSION);
}
