import { AppError } from "@civicgrid/http";

type Versioned = "layouts" | "divisions" | "matter_categories" | "matter_change_requests" | "matter_definitions";
const KEYS: Record<Versioned, string> = { layouts: "id", divisions: "code", matter_categories: "code", matter_change_requests: "id", matter_definitions: "matter_code" };
const STALE = "registry-stale-version";

/**
 * A statement that fails (and so rolls back the whole D1 batch it is in) unless the row is still at the
 * version the caller read: optimistic concurrency for multi-statement writes. SQLite's json() raises on
 * malformed input, which is the only way to raise an error from a plain statement.
 */
export function versionGuard(db: D1Database, table: Versioned, key: string, version: number): D1PreparedStatement {
  return db
    .prepare(`SELECT CASE WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${KEYS[table]} = ?1 AND version = ?2) THEN 1 ELSE json('${STALE}') END AS ok`)
    .bind(key, version);
}

/** Runs a batch; a failed guard or a broken uniqueness rule becomes 412 / 409 instead of a 500. */
export async function runBatch(db: D1Database, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  try {
    return await db.batch(statements);
  } catch (error) {
    const text = String(error);
    if (/malformed JSON/i.test(text)) throw new AppError("precondition_failed", "it changed while you were editing; read it again");
    if (/UNIQUE constraint failed/i.test(text)) throw new AppError("conflict", "a concurrent change took the same key; read again and retry");
    throw error;
  }
}
