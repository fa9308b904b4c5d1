/**
 * Benchmark (not a test) of the supervision sweep's due-query over the cases read model.
 * Run: node --experimental-strip-types infra/bench/cases-sweep.ts   (Node 24: node:sqlite, the SQLite D1 runs on)
 * Loads services/cases migrations, inserts 100,000 open cases of which 1% are due, then times the sweep's
 * query pages (`next_due_at <= now`, 200 per page) and prints the plan, so the cost is seen to follow due cases.
 * It does not time the per-case DO ticks (those need workerd); each is one RPC to an independent DO.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

const OPEN = 100_000;
const DUE_SHARE = 0.01;
const dir = path.join(import.meta.dirname, "../../services/cases/migrations");
const db = new DatabaseSync(":memory:");
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".sql"))
  .sort())
  db.exec(readFileSync(path.join(dir, file), "utf8"));

const now = Date.now();
const insert = db.prepare(
  `INSERT INTO cases (id, version, status, title, category_code, priority, source, grid_code, village_code, township_code, county_code,
     division_code, holder_division_code, step, due_at, next_due_at, created_at, updated_at, summary)
   VALUES (?, 3, 'signed', '路灯不亮', 'A01', 'normal', 'grid_worker', '440703001001001', '440703001001', '440703001000', '440703000000',
     '440703001001', '440703001001', 'handle', ?, ?, ?, ?, '{}')`,
);
db.exec("BEGIN");
for (let i = 0; i < OPEN; i++) {
  const due = i % Math.round(1 / DUE_SHARE) === 0;
  const next = due ? now - 60_000 - i : now + 86_400_000 + i;
  const at = new Date(now - i * 1000).toISOString();
  insert.run(`CASE-20260316-${String(i).padStart(10, "A")}`, new Date(next).toISOString(), next, at, at);
}
db.exec("COMMIT");

const page = db.prepare(
  "SELECT id, next_due_at FROM cases WHERE next_due_at <= ?1 AND (next_due_at, id) > (?2, ?3) ORDER BY next_due_at, id LIMIT 200",
);
const plan = db
  .prepare(
    "EXPLAIN QUERY PLAN SELECT id, next_due_at FROM cases WHERE next_due_at <= ?1 AND (next_due_at, id) > (?2, ?3) ORDER BY next_due_at, id LIMIT 200",
  )
  .all(now, -1, "");
const runs: number[] = [];
let found = 0;
for (let r = 0; r < 20; r++) {
  const t = performance.now();
  let after: [number, string] = [-1, ""];
  found = 0;
  for (;;) {
    const rows = page.all(now, after[0], after[1]) as { id: string; next_due_at: number }[];
    found += rows.length;
    if (rows.length < 200) break;
    after = [rows[rows.length - 1]!.next_due_at, rows[rows.length - 1]!.id];
  }
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    open: OPEN,
    due: found,
    p50ms: runs[10]!.toFixed(2),
    maxMs: runs[19]!.toFixed(2),
    plan: plan.map((p) => (p as { detail: string }).detail),
  }),
);
