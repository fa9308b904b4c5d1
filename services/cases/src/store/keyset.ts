import type { CursorKey } from "@civicgrid/http";
import { sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Newest first, after the cursor's (created_at, id): the order of the (…, created_at DESC, id DESC) indexes. Issue 17:
 * a row value, which SQLite turns into a seek in those indexes (`(created_at,id)<(?,?)` in the plan), where the
 * equivalent `created_at < ? OR (created_at = ? AND id < ?)` walked every row of the pages before the cursor.
 */
export function before(createdAt: AnySQLiteColumn, id: AnySQLiteColumn, after: CursorKey | undefined): SQL | undefined {
  if (!after) return undefined;
  const [at, last] = after;
  return sql`(${createdAt}, ${id}) < (${at}, ${last})`;
}
