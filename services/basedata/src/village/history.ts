import type { VillageDb } from "./db";
import { fieldChanges } from "./schema";

type Value = string | number | boolean | null | undefined;

const ROWS_PER_INSERT = 14;

const text = (v: Value): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Keeps one history row per field whose value changed between `before` and `after` (both as answers would show
 * them: personal values already masked). A new record has an empty `before`, so each of its fields is recorded.
 */
export function recordFieldChanges(
  db: VillageDb,
  recordId: string,
  before: Record<string, Value>,
  after: Record<string, Value>,
  meta: { by: string; at: string; source: string },
): number {
  const rows = Object.keys(after)
    .filter((field) => text(after[field]) !== text(before[field]))
    .map((field) => ({ recordId, field, previous: text(before[field]), value: text(after[field]), ...meta }));
  // A Durable Object's SQLite binds at most 100 values per statement; each history row takes 7.
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    db.insert(fieldChanges)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .run();
  return rows.length;
}
