/** The layout version: bumped in the same batch as every change to filed grids, read cheaply per lookup. */
export async function layoutVersion(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT value FROM registry_state WHERE key = 'layout_version'").first<{ value: number }>();
  return row?.value ?? 0;
}

/**
 * The next layout version: one more than now, or the current millisecond clock if that is larger. It only
 * grows, and two databases restored from one snapshot (tests) do not arrive at the same number for
 * different grids, which a per-isolate cache keyed by it relies on.
 */
export function bumpLayoutVersion(db: D1Database): D1PreparedStatement {
  return db.prepare(
    "UPDATE registry_state SET value = max(value + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) WHERE key = 'layout_version'",
  );
}
