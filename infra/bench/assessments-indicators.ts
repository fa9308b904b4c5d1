/**
 * Benchmark (not a test) of 三率 and the standard indicators (services/assessments): a month of case events of one
 * county, rebuilt into indicator facts from the raw stored events (what a recompute does), then the indicator
 * table at each level and a department page of the rankings block.
 * Run: npm run bench -- assessments-indicators [cases]      (Node 24: node:sqlite, the SQLite D1 runs on)
 * Loads services/assessments migrations into node:sqlite and runs the service's own store functions through
 * drizzle's sqlite-proxy (the same SQL as on D1), in batches as D1 would.
 */
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { dayOf } from "../../services/assessments/src/domain/periods";
import type { Db } from "../../services/assessments/src/store/db";
import {
  indicatorsOf,
  measureSums,
  rebuildIndicatorFacts,
  casesWithEventsIn,
} from "../../services/assessments/src/store/indicator-facts";
import * as schema from "../../services/assessments/src/store/schema";
import { migratedSqlite } from "./sqlite-migrated";

const CASES = Number(process.argv[2] ?? 20_000);
const COUNTY = "440703000000";
const DEPTS = ["police", "urban_management", "housing", "ecology", "civil_affairs", "emergency"].map(
  (d) => `dept-440703-${d}`,
);
const MONTH = { from: "2026-11-01", to: "2026-11-30" };

const sqlite = migratedSqlite("assessments");

type Query = { sql: string; params: unknown[]; method: "run" | "all" | "values" | "get" };
function run({ sql, params, method }: Query) {
  const statement = sqlite.prepare(sql);
  if (method === "run") return { rows: (statement.run(...(params as never[])), []) };
  statement.setReturnArrays(true);
  if (method === "get") return { rows: (statement.get(...(params as never[])) ?? []) as unknown[] };
  return { rows: statement.all(...(params as never[])) as unknown as unknown[][] };
}
// A batch is one transaction, as on D1.
const db = drizzle(
  async (sql, params, method) => run({ sql, params, method }),
  async (queries) => {
    sqlite.exec("BEGIN");
    const out = queries.map((q) => run(q as Query));
    sqlite.exec("COMMIT");
    return out;
  },
  { schema },
) as unknown as Db;

// A month of cases: each reported, dispatched, signed (a fifth late), handled, closed, and rated; every tenth
// extended, every twentieth paused and resumed, every seventh supervised, every eleventh sent back once.
const insert = sqlite.prepare(
  `INSERT INTO case_events (id, type, case_id, version, occurred_at, day, actor_sub, actor_role, actor_unit,
     category_code, source, grid_code, village_code, township_code, county_code, lead_department_id,
     responsible_unit, due_at, rating, from_department_id)
   VALUES (?, ?, ?, ?, ?, ?, 'bench', 'agency', ?, '0802', 'grid_worker', ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
);
const HOUR = 3_600_000;
let events = 0;
sqlite.exec("BEGIN");
for (let i = 0; i < CASES; i++) {
  const caseId = `CASE-202611-${String(i).padStart(8, "0")}`;
  const village = `440703${String(1 + (i % 9)).padStart(3, "0")}${String(1 + (i % 30)).padStart(3, "0")}`;
  const grid = `${village}${String(1 + (i % 4)).padStart(3, "0")}`;
  const dept = DEPTS[i % DEPTS.length]!;
  const start = Date.parse("2026-11-01T01:00:00Z") + (i % 27) * 24 * HOUR + (i % 8) * HOUR;
  const steps: [string, number, number | null, string | null, string | null][] = [
    ["case.reported", 0, 4, null, null],
    ["case.dispatched", 1, 2, dept, null],
    ["case.signed", i % 5 === 0 ? 4 : 2, 48, dept, null],
  ];
  if (i % 20 === 0) steps.push(["case.pause_approved", 5, null, dept, null], ["case.resumed", 30, 72, dept, null]);
  if (i % 10 === 0) steps.push(["case.extension_approved", 31, 96, dept, null]);
  if (i % 7 === 0) steps.push(["case.supervised", 32, 96, dept, null]);
  steps.push(["case.handled", 40, 60, dept, null]);
  if (i % 11 === 0) steps.push(["case.check_failed", 41, 70, dept, null], ["case.handled", 50, 60, dept, null]);
  steps.push(["case.check_passed", 55, null, dept, null]);
  steps.push(["case.rated", 60, null, dept, i % 9 === 0 ? "unsatisfied" : "satisfied"]);
  steps.forEach(([type, at, due, lead, rating], v) => {
    const occurredAt = new Date(start + at * HOUR).toISOString();
    const dueAt = due === null ? null : new Date(start + due * HOUR).toISOString();
    const township = `${village.slice(0, 9)}000`;
    insert.run(
      `${caseId}:${v + 1}`,
      type,
      caseId,
      v + 1,
      occurredAt,
      dayOf(occurredAt),
      village,
      grid,
      village,
      township,
      COUNTY,
      lead,
      lead,
      dueAt,
      rating,
    );
    events++;
  });
}
sqlite.exec("COMMIT");

function percentiles(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms  p99 ${at(0.99)} ms`;
}
async function timed(label: string, runs: number, work: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(52)} runs ${String(runs).padStart(4)}  ${percentiles(ms)}`);
}

console.log(`${CASES} cases, ${events} case events, county ${COUNTY}, November 2026`);
let t = performance.now();
const ids = await casesWithEventsIn(db, MONTH, "440703");
const facts = await rebuildIndicatorFacts(db, ids);
const seconds = (performance.now() - t) / 1000;
console.log(
  `recompute from raw events: ${ids.length} cases, ${facts} facts in ${seconds.toFixed(2)} s ` +
    `(${Math.round(events / seconds)} events/s)`,
);
t = performance.now();
await rebuildIndicatorFacts(db, ids.slice(0, 100));
console.log(`one queue batch's rebuild (100 cases): ${(performance.now() - t).toFixed(1)} ms`);
const all = [{ all: true as const }];
for (const level of ["county", "township", "grid", "department"] as const) {
  await timed(`indicator table, ${level} level, the month`, 20, () => measureSums(db, level, MONTH, all));
}
await timed("indicator table, grid level, a township agency", 50, () =>
  measureSums(db, "grid", MONTH, [{ prefix: "440703001" }]),
);
await timed("rankings block: 6 departments", 20, () =>
  indicatorsOf([{ countyCode: COUNTY, db }], "department", MONTH, DEPTS),
);
