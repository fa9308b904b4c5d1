// Node only (node:sqlite, drizzle-kit): the check that a service's drizzle schema and its SQL migrations agree.
import fs from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from "drizzle-kit/api";

type Snapshot = Awaited<ReturnType<typeof generateSQLiteDrizzleJson>>;

/** The SQL migration files of a folder, in the order wrangler applies them. */
export function migrationFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => path.join(dir, f));
}

function normaliseSql(sql: string | null): string {
  return (sql ?? "")
    .replace(/["`]/g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([(),])\s*/g, "$1")
    .trim()
    .toLowerCase();
}

/** The CHECK expressions of a CREATE TABLE statement, normalised. */
function checksOf(sql: string): string[] {
  const out: string[] = [];
  const text = normaliseSql(sql).replace(/\s/g, "");
  for (let i = text.indexOf("check("); i >= 0; i = text.indexOf("check(", i + 1)) {
    let depth = 0;
    let j = i + 5;
    for (; j < text.length; j++) {
      if (text[j] === "(") depth++;
      if (text[j] === ")" && --depth === 0) break;
    }
    out.push(text.slice(i + 6, j));
  }
  return out.sort();
}

/** Tables, columns, indexes, checks and foreign keys of a database, in a form two databases can be compared by. */
export function describeSchema(db: DatabaseSync, ignoreTables: readonly string[] = []): Record<string, unknown> {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const virtual = rows
    .filter((r) => r.type === "table" && /^create virtual table/i.test(r.sql ?? ""))
    .map((r) => r.name);
  const skipped = (name: string) =>
    name.startsWith("sqlite_") ||
    name.startsWith("_cf_") ||
    name === "d1_migrations" ||
    ignoreTables.includes(name) ||
    virtual.some((v) => name === v || name.startsWith(`${v}_`));
  const out: Record<string, unknown> = {};
  for (const table of rows.filter((r) => r.type === "table" && !skipped(r.name))) {
    const columns = (db.prepare(`PRAGMA table_xinfo("${table.name}")`).all() as Record<string, unknown>[])
      // A TEXT PRIMARY KEY column accepts NULL in SQLite unless declared NOT NULL, and drizzle always declares it:
      // harmless (nothing writes a NULL key), so NOT NULL is compared on other columns only.
      .map((c) => {
        const notNull = Number(c.pk) > 0 ? "pk" : `notnull=${String(c.notnull)}`;
        return `${String(c.name)} ${String(c.type).toUpperCase()} ${notNull} pk=${String(c.pk)} default=${normaliseSql(c.dflt_value as string | null)}`;
      })
      .sort();
    // `UNIQUE (a, b)` inside CREATE TABLE and `CREATE UNIQUE INDEX ... (a, b)` are the same rule to SQLite, and
    // drizzle-kit can only write the second: unique rules are compared as the column lists they make unique.
    const indexList = db.prepare(`PRAGMA index_list("${table.name}")`).all() as Record<string, unknown>[];
    const uniqueNames = new Set(
      indexList.filter((i) => Number(i.unique) === 1 && i.partial !== 1).map((i) => String(i.name)),
    );
    const indexes = rows
      .filter((r) => r.type === "index" && r.tbl_name === table.name && r.sql !== null && !uniqueNames.has(r.name))
      .map((r) => normaliseSql(r.sql).replace(/ if not exists/, ""))
      .sort();
    const uniques = indexList
      .filter((i) => uniqueNames.has(String(i.name)) && i.origin !== "pk")
      .map((i) =>
        (db.prepare(`PRAGMA index_info("${String(i.name)}")`).all() as { name: string }[]).map((c) => c.name).join(","),
      )
      .sort();
    const foreignKeys = (db.prepare(`PRAGMA foreign_key_list("${table.name}")`).all() as Record<string, unknown>[])
      .map((f) => `${String(f.from)}->${String(f.table)}.${String(f.to)} ${String(f.on_delete)}`)
      .sort();
    out[table.name] = { columns, indexes, uniques, checks: checksOf(table.sql ?? ""), foreignKeys };
  }
  return out;
}

/** A database with every SQL migration of `dir` applied, as wrangler applies them. */
export function migratedDatabase(dir: string): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  for (const file of migrationFiles(dir)) db.exec(fs.readFileSync(file, "utf8"));
  return db;
}

/** A database created from the drizzle schema alone (what `drizzle-kit generate` would write from nothing). */
export async function declaredDatabase(schema: Record<string, unknown>): Promise<DatabaseSync> {
  const empty = await generateSQLiteDrizzleJson({});
  const statements = await generateSQLiteMigration(empty, await generateSQLiteDrizzleJson(schema));
  const db = new DatabaseSync(":memory:");
  for (const statement of statements) db.exec(statement);
  return db;
}

/** The newest drizzle-kit snapshot in `<migrations>/meta`: what the next `drizzle-kit generate` diffs against. */
export function latestSnapshot(dir: string): Snapshot {
  const meta = path.join(dir, "meta");
  const files = fs
    .readdirSync(meta)
    .filter((f) => f.endsWith("_snapshot.json"))
    .sort();
  const last = files.at(-1);
  if (!last) throw new Error(`no drizzle-kit snapshot in ${meta}`);
  return JSON.parse(fs.readFileSync(path.join(meta, last), "utf8")) as Snapshot;
}

/**
 * What a service's schema-drift test asserts: the database its migrations build has the shape its drizzle
 * schema declares, and the newest snapshot already holds the schema (so `drizzle-kit generate` has nothing
 * left to write). `ignoreTables` names tables drizzle cannot declare (none but virtual FTS5 ones today).
 */
export async function schemaDrift(schema: Record<string, unknown>, dir: string, ignoreTables: readonly string[] = []) {
  const migrated = describeSchema(migratedDatabase(dir), ignoreTables);
  const declared = describeSchema(await declaredDatabase(schema), ignoreTables);
  const pending = await generateSQLiteMigration(latestSnapshot(dir), await generateSQLiteDrizzleJson(schema));
  return { migrated, declared, pending };
}
