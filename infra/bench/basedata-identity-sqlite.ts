// The identity shard's own table (services/basedata identity-migrations) and its find query on SQLite in Node
// (node:sqlite: the same engine a Durable Object's storage runs), to time the query and size the file at a given
// number of entries without the object's RPC hop. Used by basedata-identity.ts; not a benchmark on its own.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { percentiles } from "./basedata-harness";

const dir = path.join(import.meta.dirname, "../../services/basedata/identity-migrations");
/** The query IdentityShardDO.find issues (drizzle's SQL for it). */
const FIND =
  "SELECT record_id, village_code, active, changed_at FROM entries WHERE kind = ? AND hash = ? " +
  "ORDER BY active DESC, record_id";

export interface Entry {
  kind: "id" | "phone" | "name";
  hash: string;
  recordId: string;
  villageCode: string;
}

/** Inserts `entries` into a fresh shard table, then times `lookups` finds; answers the figures and the file size. */
export function shardOnSqlite(entries: readonly Entry[], lookups: readonly { kind: string; hash: string }[]) {
  const db = new DatabaseSync(":memory:");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const statement of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint"))
      if (statement.trim()) db.exec(statement);
  const insert = db.prepare(
    "INSERT INTO entries (kind, hash, record_id, village_code, active, changed_at) VALUES (?, ?, ?, ?, 1, ?)",
  );
  const t0 = performance.now();
  db.exec("BEGIN");
  for (const e of entries) insert.run(e.kind, e.hash, e.recordId, e.villageCode, Date.now());
  db.exec("COMMIT");
  const insertMs = performance.now() - t0;
  const find = db.prepare(FIND);
  const ms: number[] = [];
  let hits = 0;
  for (const l of lookups) {
    const t = performance.now();
    hits += find.all(l.kind, l.hash).length > 0 ? 1 : 0;
    ms.push(performance.now() - t);
  }
  const pages = db.prepare("PRAGMA page_count").get() as { page_count: number };
  const size = db.prepare("PRAGMA page_size").get() as { page_size: number };
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${FIND}`).all("id", "x") as { detail: string }[];
  db.close();
  return {
    entries: entries.length,
    insertPerSecond: Math.round(entries.length / (insertMs / 1000)),
    findUs: percentiles(ms.map((m) => m * 1000)),
    hits,
    bytes: pages.page_count * size.page_size,
    plan: plan.map((p) => p.detail),
  };
}
