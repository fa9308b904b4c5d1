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

export function insertRows(table: string, columns: readonly string[], rows: readonly SqlValue[][]): string[] {
  const head = `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES `;
  const out: string[] = [];
  let chunk: string[] = [];
  let size = head.length;
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table}: ${row.length} values for ${columns.length} columns`);
    const tuple = `(${row.map(sqlValue).join(", ")})`;
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
