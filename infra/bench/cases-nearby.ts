/**
 * Benchmark (not a test) of duplicates while reporting (issue 16): the nearby query a reporter asks before filing,
 * over OPEN open cases of one county (20 matters, reported over the last 30 days, spread over 30 km × 30 km).
 * Run: npm run bench -- cases-nearby      (Node 24: node:sqlite, the SQLite D1 runs on)
 * Loads services/cases migrations and times the service's own functions: the bounding box, the indexed query of
 * open_case_points (drizzle over node:sqlite) and the exact haversine trim, for 50 m / 7 days and 500 m / 30 days.
 */
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { boxAround, nearestWithin } from "../../services/cases/src/nearby/area";
import type { Db } from "../../services/cases/src/store/db";
import { openPointsInBox } from "../../services/cases/src/store/open-points";
import * as schema from "../../services/cases/src/store/schema";
import { migratedSqlite } from "./sqlite-migrated";

const OPEN = Number(process.argv[2] ?? 100_000);
const RUNS = 5_000;
const MATTERS = 20;
const ORIGIN = { lng: 112.95, lat: 22.45 }; // south-west corner of the county's square
const SPAN_DEG = 0.28; // about 30 km
const sqlite = migratedSqlite("cases");

let lastQuery: { sql: string; params: unknown[] } | null = null;
const db = drizzle(
  async (sql, params, method) => {
    lastQuery = { sql, params };
    const prepared = sqlite.prepare(sql);
    prepared.setReturnArrays(true);
    if (method === "run") return { rows: [] };
    return { rows: prepared.all(...(params as never[])) as unknown as unknown[][] };
  },
  { schema },
) as unknown as Db;

// A fixed pseudo-random sequence, so every run loads the same cases and asks the same questions.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const now = Date.now();
const addCase = sqlite.prepare(
  `INSERT INTO cases (id, version, status, title, category_code, priority, source, county_code, division_code,
     holder_division_code, lng, lat, created_at, updated_at, summary, public)
   VALUES (?, 1, 'reported', '路灯不亮', ?, 'normal', 'resident', '440703000000', '440703001001', '440703001001',
     ?, ?, ?, ?, '{}', '{}')`,
);
const addPoint = sqlite.prepare(
  "INSERT INTO open_case_points (case_id, category_code, lat, lng, created_at) VALUES (?, ?, ?, ?, ?)",
);
sqlite.exec("BEGIN");
for (let i = 0; i < OPEN; i++) {
  const id = `CASE-20261201-${String(i).padStart(10, "A")}`;
  const matter = `M${String(i % MATTERS).padStart(2, "0")}`;
  const lng = ORIGIN.lng + random() * SPAN_DEG;
  const lat = ORIGIN.lat + random() * SPAN_DEG;
  const at = new Date(now - random() * 30 * 86_400_000).toISOString();
  addCase.run(id, matter, lng, lat, at, at);
  addPoint.run(id, matter, lat, lng, at);
}
sqlite.exec("COMMIT");

async function measure(radiusM: number, windowDays: number) {
  const latencies: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const lng = ORIGIN.lng + random() * SPAN_DEG;
    const lat = ORIGIN.lat + random() * SPAN_DEG;
    const since = new Date(now - windowDays * 86_400_000).toISOString();
    const t = performance.now();
    const rows = await openPointsInBox(
      db,
      `M${String(i % MATTERS).padStart(2, "0")}`,
      boxAround(lng, lat, radiusM),
      since,
    );
    found += nearestWithin(rows, lng, lat, radiusM).length;
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(RUNS - 1, Math.floor(p * RUNS))]!.toFixed(3);
  const label = `nearby ${radiusM} m / ${windowDays} days`;
  console.log(
    `${label.padEnd(26)} runs ${RUNS}  p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  found ${(found / RUNS).toFixed(2)} per query`,
  );
}

console.log(`${OPEN} open cases, ${MATTERS} matters, one county of about 30 km × 30 km`);
await measure(50, 7);
await measure(500, 30);
const { sql, params } = lastQuery!;
const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[];
console.log(`  plan: ${plan.map((r) => r.detail).join(" | ")}`);
