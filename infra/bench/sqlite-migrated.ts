// An in-memory node:sqlite database (the SQLite D1 runs on) with every D1 migration of one service applied in
// order, as wrangler applies them: the benches that run a service's own store code through drizzle's sqlite-proxy.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

export function migratedSqlite(service: string): DatabaseSync {
  const dir = path.join(import.meta.dirname, "../../services", service, "migrations");
  const sqlite = new DatabaseSync(":memory:");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const statement of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint"))
      if (statement.trim()) sqlite.exec(statement);
  return sqlite;
}
