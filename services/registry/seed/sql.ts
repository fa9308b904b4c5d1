import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/** SQL text for the demo seed (run by `wrangler d1 execute --file`), with values quoted safely. */
export type SqlValue = string | number | boolean | null;

export function sqlValue(v: SqlValue): string {
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/** D1 refuses statements over 100 KB: rows go in multi-row INSERT OR IGNOREs of at most ~80 KB each. */
const MAX_STATEMENT = 80_000;

/**
 * INSERT OR IGNORE statements for rows of a table of src/store/schema.ts, typed by it: the columns are the
 * keys of the first row (every row names the same ones), each value stored as drizzle stores it (JSON
 * columns as JSON text, booleans as 0 / 1).
 */
export function insertRows<T extends SQLiteTable>(table: T, rows: readonly T["$inferInsert"][]): string[] {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows[0] && key in rows[0]);
  const head = `INSERT OR IGNORE INTO ${getTableName(table)} (${columns.map(([, c]) => c.name).join(", ")}) VALUES `;
  const out: string[] = [];
  let chunk: string[] = [];
  let size = head.length;
  for (const row of rows) {
    const values = columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : (column.mapToDriverValue(value) as SqlValue);
    });
    const tuple = `(${values.map(sqlValue).join(", ")})`;
    if (chunk.length > 0 && size + tuple.length + 2 > MAX_STATEMENT) {
      out.push(head + chunk.join(", "));
      chunk = [];
      size = head.length;
    }
    chunk.push(tuple);
    size += tuple.length + 2;
  }
  if (chunk.length > 0) out.push(head + chunk.join(", "));
  return out;
}
