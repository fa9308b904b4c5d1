import { getTableColumns, getTableName, type Table } from "drizzle-orm";

/** A literal of SQLite: the demo data is SQL text, loaded by `wrangler d1 execute`, not bound parameters. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One `INSERT OR IGNORE` of a row of a drizzle table, its values typed by the table (properties as in
 * src/store/schema.ts, written under their column names; JSON columns as JSON text, booleans as 0 and 1,
 * undefined as NULL).
 */
export function row<T extends Table>(table: T, values: T["$inferInsert"]): string {
  const columns = getTableColumns(table);
  const entries = Object.entries(values as Record<string, unknown>);
  const names = entries.map(([key]) => columns[key]?.name ?? key);
  const literals = entries.map(([, v]) => literal(v));
  return `INSERT OR IGNORE INTO ${getTableName(table)} (${names.join(", ")}) VALUES (${literals.join(", ")})`;
}
