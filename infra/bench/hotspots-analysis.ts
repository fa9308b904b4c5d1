/**
 * Benchmark (not a test) of the monthly hotspot analysis (未诉先办, issue 16 item 8) over the cases read model.
 * Run: npm run bench -- hotspots-analysis [cases in the county-month]      (Node 24: node:sqlite)
 * Loads services/cases migrations, writes three months of cases for three counties (the analysed county-month holds
 * CASES cases of 40 matters over ~20 km × 20 km, with 200 planted places where one matter recurs 3 to 6 times), then
 * times the service's own code: the month's points query (drizzle over node:sqlite) and the clustering.
 */
import { HOTSPOT_RULE } from "@civicgrid/contracts";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { findClusters } from "../../services/cases/src/hotspots/clusters";
import { monthRange } from "../../services/cases/src/hotspots/months";
import type { Db } from "../../services/cases/src/store/db";
import { monthCasePoints } from "../../services/cases/src/store/hotspots";
import * as schema from "../../services/cases/src/store/schema";
import { migratedSqlite } from "./sqlite-migrated";

const CASES = Number(process.argv[2] ?? 30_000);
const PLANTED = 200;
const RUNS = 20;
const COUNTY = "440703000000";
const COUNTIES = [COUNTY, "440704000000", "440705000000"];
const MONTHS = ["2026-09", "2026-10", "2026-11"];
const MONTH = "2026-11";

const sqlite = migratedSqlite("cases");

let lastSql = "";
let lastParams: unknown[] = [];
const db = drizzle(
  async (sql, params, method) => {
    [lastSql, lastParams] = [sql, params];
    const statement = sqlite.prepare(sql);
    statement.setReturnArrays(true);
    if (method === "get") return { rows: (statement.get(...(params as never[])) ?? []) as unknown[] };
    return { rows: statement.all(...(params as never[])) as unknown as unknown[][] };
  },
  { schema },
) as unknown as Db;

/** A small deterministic generator (mulberry32), so every run loads the same cases. */
let seed = 16;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const insert = sqlite.prepare(
  `INSERT INTO cases (id, version, status, title, category_code, priority, source, grid_code, village_code,
     township_code, county_code, division_code, holder_division_code, lng, lat, warned, overdue, created_at,
     updated_at, summary)
   VALUES (?, 3, ?, '路灯不亮', ?, 'normal', 'grid_worker', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, '{}')`,
);
let n = 0;
function add(county: string, month: string, matter: string, lng: number, lat: number, day: number) {
  const village = `${county.slice(0, 6)}${String(1 + (n % 7)).padStart(3, "0")}${String(1 + (n % 40)).padStart(3, "0")}`;
  const at = new Date(Date.parse(monthRange(month).start) + day * 86_400_000 + (n % 86_000) * 1000).toISOString();
  const status = n % 9 === 0 ? "closed" : "dispatched";
  insert.run(
    `CASE-20261101-${String(n++).padStart(10, "A")}`,
    status,
    matter,
    `${village}001`,
    village,
    `${village.slice(0, 9)}000`,
    county,
    village,
    village,
    lng,
    lat,
    at,
    at,
  );
}

sqlite.exec("BEGIN");
for (const county of COUNTIES)
  for (const month of MONTHS)
    for (let i = 0; i < CASES; i++)
      add(
        county,
        month,
        `M${String(i % 40).padStart(2, "0")}`,
        113 + random() * 0.2,
        22.5 + random() * 0.18,
        random() * 29,
      );
for (let p = 0; p < PLANTED; p++) {
  const [lng, lat, day] = [113 + random() * 0.2, 22.5 + random() * 0.18, random() * 20];
  for (let k = 0; k < 3 + (p % 4); k++)
    add(
      COUNTY,
      MONTH,
      `M${String(p % 40).padStart(2, "0")}`,
      lng + random() * 0.0004,
      lat + random() * 0.0004,
      day + k,
    );
}
sqlite.exec("COMMIT");

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  const latencies: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await work();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(`${label.padEnd(52)} runs ${RUNS}  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms`);
  return result;
}

console.log(
  `${n} cases in ${COUNTIES.length} counties × ${MONTHS.length} months; ${COUNTY} ${MONTH}: ${CASES} + planted`,
);
const range = monthRange(MONTH);
const points = await timed("the county-month's points (read model query)", () =>
  monthCasePoints(db, COUNTY, range.start, range.end),
);
const [sql, params] = [lastSql, lastParams];
await timed("  the same SQL on node:sqlite alone (no drizzle)", () => sqlite.prepare(sql).all(...(params as never[])));
const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[];
console.log(`  plan: ${plan.map((r) => r.detail).join(" | ")}`);
const clusters = await timed(`clustering ${points.length} points (greedy by density)`, () =>
  findClusters(points, HOTSPOT_RULE),
);
const found = clusters.reduce((sum, c) => sum + c.caseIds.length, 0);
console.log(
  `  ${clusters.length} proposals holding ${found} cases (${PLANTED} places planted; the rest are chance recurrences ` +
    `of the uniform background), largest ${clusters[0]?.caseIds.length ?? 0} cases; heap ` +
    `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
);
