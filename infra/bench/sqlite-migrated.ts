// A node:sqlite database (the SQLite D1 runs on) with every D1 migration of one service applied in order, as
// wrangler applies them: the benches that run a service's own store code through drizzle's sqlite-proxy. In memory
// by default; `file` puts it on disk (city-years: databases of gigabytes, whose size is the figure), `pragmas` run
// before the migrations.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

export function migratedSqlite(service: string, file = ":memory:", pragmas = ""): DatabaseSync {
  const dir = path.join(import.meta.dirname, "../../services", service, "migrations");
  const sqlite = new DatabaseSync(file);
  if (pragmas) sqlite.exec(pragmas);
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const statement of readFileSync(path.join(dir, name), "utf8").split("--> statement-breakpoint"))
      if (statement.trim()) sqlite.exec(statement);
  return sqlite;
}

/** The bytes a database takes (page_count × page_size), what D1's size limit counts. */
export function sqliteBytes(sqlite: DatabaseSync): number {
  const pages = sqlite.prepare("PRAGMA page_count").get() as { page_count: number };
  const size = sqlite.prepare("PRAGMA page_size").get() as { page_size: number };
  return pages.page_count * size.page_size;
}
