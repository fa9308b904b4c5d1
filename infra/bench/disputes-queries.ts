/**
 * Benchmark (not a test) of the disputes' read model (services/cases D1): the repeat rule's query, run before every
 * dispute command (Gansu 二(一)1(1): the same parties again and again), and the early-warning and dispute lists.
 * Run: npm run bench -- disputes-queries      (Node 24: node:sqlite, the SQLite D1 runs on)
 * Loads services/cases migrations, projects DISPUTES disputes of three counties (two parties each, a tenth of the
 * parties recurring), then times the service's own query functions (drizzle over node:sqlite) and prints their plans.
 */
import { defaultRiskRules, type Principal, type RiskRule } from "@civicgrid/contracts";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import type { Db } from "../../services/cases/src/store/db";
import { disputesPage, warningsPage } from "../../services/cases/src/store/dispute-lists";
import { repeatCounts } from "../../services/cases/src/store/dispute-repeats";
import * as schema from "../../services/cases/src/store/schema";
import { migratedSqlite } from "./sqlite-migrated";

const DISPUTES = Number(process.argv[2] ?? 100_000);
const RUNS = 2_000;
const COUNTIES = ["440703000000", "440704000000", "440705000000"];
const sqlite = migratedSqlite("cases");

/** Every SQL text the functions ran, for the plans printed below. */
const seen = new Map<string, unknown[]>();
const proxy = drizzle(
  async (sql, params, method) => {
    seen.set(sql, params);
    const statement = sqlite.prepare(sql);
    if (method === "run") {
      statement.run(...(params as never[]));
      return { rows: [] };
    }
    statement.setReturnArrays(true);
    if (method === "get") return { rows: (statement.get(...(params as never[])) ?? []) as unknown[] };
    return { rows: statement.all(...(params as never[])) as unknown as unknown[][] };
  },
  { schema },
);
// The functions take the D1 drizzle handle; the proxy builds the same SQL (sqlite-core) and runs it on node:sqlite.
const db = proxy as unknown as Db;

const now = Date.now();
const insertCase = sqlite.prepare(
  `INSERT INTO dispute_cases (case_id, version, title, case_status, open, county_code, division_code, grid_code,
     holder_division_code, stage, relation, risk_level, risk_since, mediator_id, mediator_kind, threat, violence,
     county_warned_at, police_warned_at, warned_department_ids, recorded_at, updated_at)
   VALUES (?, 3, '邻里纠纷', ?, ?, ?, ?, ?, ?, 'mediating', 'neighbours', ?, ?, NULL, NULL, 0, 0, NULL, NULL, NULL, ?, ?)`,
);
const insertParty = sqlite.prepare(
  "INSERT INTO dispute_parties (case_id, party_key, county_code, recorded_at) VALUES (?, ?, ?, ?)",
);
sqlite.exec("BEGIN");
for (let i = 0; i < DISPUTES; i++) {
  const county = COUNTIES[i % COUNTIES.length]!;
  const village = `${county.slice(0, 6)}${String(1 + (i % 7)).padStart(3, "0")}${String(1 + (i % 40)).padStart(3, "0")}`;
  const at = new Date(now - (i % 730) * 86_400_000 - i).toISOString();
  const risk = i % 50 === 0 ? "major" : i % 10 === 0 ? "larger" : "general";
  const id = `CASE-20260101-${String(i).padStart(10, "A")}`;
  const open = i % 4 === 0 ? 0 : 1; // a quarter closed, in every county
  insertCase.run(id, open ? "accepted" : "closed", open, county, village, `${village}001`, village, risk, at, at, at);
  // A tenth of the parties are people who recur (one of 500 per county); the rest appear once.
  insertParty.run(id, i % 10 === 0 ? `pe-${village}-${String(i % 500).padStart(6, "0")}` : `idh:${i}a`, county, at);
  insertParty.run(id, `idh:${i}b`, county, at);
}
sqlite.exec("COMMIT");

async function timed(label: string, runs: number, work: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work(i);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(3);
  console.log(`${label.padEnd(58)} runs ${String(runs).padStart(5)}  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms`);
}

const plan = (label: string, sql: string) => {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(seen.get(sql) as never[])) as { detail: string }[];
  console.log(`  plan of ${label}: ${rows.map((r) => r.detail).join(" | ")}`);
};
const lastSql = () => [...seen.keys()].at(-1)!;

console.log(`${DISPUTES} disputes, ${2 * DISPUTES} party rows, ${COUNTIES.length} counties`);
const rules = defaultRiskRules(COUNTIES[0]!).rules.filter(
  (r): r is Extract<RiskRule, { when: "repeat_parties" }> => r.when === "repeat_parties",
);
await timed("repeat rule: one command's count (2 parties, 1 recurring)", RUNS, (i) =>
  repeatCounts(
    db,
    COUNTIES[0]!,
    "CASE-20260101-NEW0000000",
    [`pe-440703001001-${String((i * 30) % 500).padStart(6, "0")}`, `idh:new${i}`],
    rules,
    new Date(now),
  ),
);
plan("the repeat count", lastSql());

const county: Principal = {
  sub: "bench-county",
  roles: ["agency"],
  divisionCode: COUNTIES[0]!,
} as Principal;
const township: Principal = { ...county, sub: "bench-township", divisionCode: "440703001000" } as Principal;
await timed("early-warning list: a county agency's first page (50)", 500, () =>
  warningsPage(db, county, { limit: 50 }, undefined),
);
plan("the early-warning list", lastSql());
await timed("dispute list: a township agency's first page (50)", 500, () =>
  disputesPage(db, township, { limit: 50 }, undefined),
);
plan("the dispute list", lastSql());
await timed("dispute list: a county agency, major risk only (50)", 500, () =>
  disputesPage(db, county, { risk: "major", limit: 50 }, undefined),
);
