/**
 * Benchmark (not a test) of the nightly archive's read-model side (issue 17), on node:sqlite with the real cases
 * migrations and the service's own store code (drizzle over node:sqlite, batches in one transaction as D1 runs
 * them). Loads CASES cases of one county, 60% of them terminal and changed over the last year, each with its FTS,
 * department and (closed ones) follow-up rows (titles from a few wordings, descriptions drawn at random), then: walks the due candidates over `cases_terminal` in the job's
 * pages of 50 (plan and time per page), moves RUN cases out of the hot tables (`moveToArchive`, one batch each),
 * and measures the database before and after (VACUUM, page_count × page_size) for the bytes one archived case frees.
 * It does not time the Durable Object's export or R2 (those need workerd): one RPC and one put + head per case.
 * Run: npm run bench -- cases-archive [cases]
 */
import type { CaseView } from "@civicgrid/contracts";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { archiveCutoff } from "../../services/cases/src/archive/policy";
import { archiveCandidates, moveToArchive, type Candidate } from "../../services/cases/src/archive/store";
import type { Db } from "../../services/cases/src/store/db";
import * as schema from "../../services/cases/src/store/schema";
import { migratedSqlite } from "./sqlite-migrated";

const CASES = Number(process.argv[2] ?? 200_000);
const RUN = 2_000;
const PAGE = 50;
const DAY = 86_400_000;
const sqlite = migratedSqlite("cases");

type Query = { sql: string; params: unknown[]; method: "run" | "all" | "values" | "get" };
function execute({ sql, params, method }: Query): { rows: unknown[] } {
  const prepared = sqlite.prepare(sql);
  if (method === "run") {
    // Shaped as D1 answers a write, which the store code reads (`meta.changes`).
    const { changes } = prepared.run(...(params as never[]));
    return { rows: [], meta: { changes: Number(changes) } } as { rows: unknown[] };
  }
  prepared.setReturnArrays(true);
  const rows = prepared.all(...(params as never[])) as unknown[];
  return { rows: method === "get" ? (rows[0] as unknown[]) : rows };
}
const db = drizzle(
  async (sql, params, method) => execute({ sql, params, method }),
  async (queries) => {
    sqlite.exec("BEGIN");
    try {
      const results = queries.map((q) => execute(q as Query));
      sqlite.exec("COMMIT");
      return results;
    } catch (error) {
      sqlite.exec("ROLLBACK");
      throw error;
    }
  },
  { schema },
) as unknown as Db;

let seed = 17;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const now = Date.now();
const TERMINAL = ["closed", "rated", "invalid", "merged"];
// Titles repeat (a few dozen matters' wordings); descriptions are the residents' own words, drawn at random here.
const TITLES = ["路灯不亮", "井盖缺失", "垃圾堆放", "占道经营", "噪音扰民", "违章搭建", "道路破损", "污水外溢"];
const WORDS =
  "路口灯光晚上行人看不清路面附近居民多次反映希望尽快修复小区门前垃圾清运车辆停放噪音施工夜间楼下商铺油烟排放";
const words = [...WORDS];
const describe = () => Array.from({ length: 40 }, () => words[Math.floor(random() * words.length)]).join("");
const add = {
  case: sqlite.prepare(
    `INSERT INTO cases (id, version, status, title, category_code, priority, source, grid_code, village_code,
       township_code, county_code, division_code, holder_division_code, lead_department_id, reporter_sub, lng, lat,
       created_at, updated_at, summary, public)
     VALUES (?, 9, ?, '路灯不亮', 'A01', 'normal', 'resident', '440703001001001', '440703001001', '440703001000',
       '440703000000', '440703001001', '440703001000', 'dept-440703-police', 'u-resident', 113.08, 22.58, ?, ?, ?, ?)`,
  ),
  fts: sqlite.prepare("INSERT INTO cases_fts (case_id, title, description) VALUES (?, ?, ?)"),
  department: sqlite.prepare("INSERT INTO case_departments VALUES (?, 'dept-440703-police', 'lead')"),
  followUp: sqlite.prepare(
    `INSERT INTO follow_ups VALUES (?, 9, 0, '440703001001', '440703000000', '路灯不亮', 'A01', 'u-resident', ?, ?, 1, 0)`,
  ),
};
// The projection's summary and public record are a few hundred bytes of JSON each.
const summary = JSON.stringify({ id: "x".repeat(24), title: "路灯不亮", status: "closed", pad: "y".repeat(300) });
const texts = new Map<string, { title: string; description: string }>();
sqlite.exec("BEGIN");
for (let i = 0; i < CASES; i++) {
  const id = `CASE-20261201-${String(i).padStart(10, "A")}`;
  const terminal = random() < 0.6;
  const changed = new Date(now - random() * 365 * DAY).toISOString();
  const status = terminal ? TERMINAL[i % TERMINAL.length]! : "signed";
  add.case.run(id, status, changed, changed, summary, summary);
  const title = TITLES[i % TITLES.length]!;
  const description = describe();
  texts.set(id, { title, description });
  add.fts.run(id, title, description);
  add.department.run(id);
  if (status === "closed") add.followUp.run(id, changed, changed);
}
sqlite.exec("COMMIT");

const bytes = () => {
  sqlite.exec("VACUUM");
  const pages = sqlite.prepare("PRAGMA page_count").get() as { page_count: number };
  const size = sqlite.prepare("PRAGMA page_size").get() as { page_size: number };
  return pages.page_count * size.page_size;
};
const before = bytes();
const cutoff = archiveCutoff(new Date(now), 90);
const plan = (
  sqlite
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status IN ('closed', 'rated', 'invalid', 'merged', 'archived')
       AND updated_at < ? AND (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT 50`,
    )
    .all(cutoff, "", "") as { detail: string }[]
).map((p) => p.detail);

const pageMs: number[] = [];
const moveMs: number[] = [];
let after: [string, string] = ["", ""];
let moved = 0;
const view = (c: Candidate) =>
  ({
    id: c.id,
    version: 9,
    ...texts.get(c.id)!,
    countyCode: c.countyCode,
    townshipCode: "440703001000",
    villageCode: "440703001001",
    gridCode: "440703001001001",
    categoryCode: "A01",
    status: "closed",
    leadDepartmentId: "dept-440703-police",
    reporterSub: "u-resident",
    createdAt: c.updatedAt,
    closedAt: c.updatedAt,
    updatedAt: c.updatedAt,
  }) as CaseView;
while (moved < RUN) {
  let t = performance.now();
  const page = await archiveCandidates(db, cutoff, after, PAGE);
  pageMs.push(performance.now() - t);
  if (page.length === 0) break;
  for (const c of page) {
    t = performance.now();
    const stored = {
      key: `cases/440703/${c.updatedAt.slice(0, 4)}/${c.updatedAt.slice(5, 7)}/${c.id}.json`,
      sha256: "0".repeat(64),
      version: 9,
    };
    if (await moveToArchive(db, view(c), stored, new Date(now).toISOString())) moved++;
    moveMs.push(performance.now() - t);
  }
  after = [page.at(-1)!.updatedAt, page.at(-1)!.id];
}
const afterBytes = bytes();
const due = sqlite
  .prepare(
    "SELECT count(*) AS n FROM cases WHERE status IN ('closed', 'rated', 'invalid', 'merged', 'archived') AND updated_at < ?",
  )
  .get(cutoff) as { n: number };
const slim = sqlite.prepare("SELECT count(*) AS n FROM archived_cases").get() as { n: number };
const ftsLeft = sqlite
  .prepare("SELECT count(*) AS n FROM cases_fts WHERE case_id IN (SELECT id FROM archived_cases)")
  .get() as { n: number };
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
console.log(
  JSON.stringify(
    {
      cases: CASES,
      dueLeftAfterRun: due.n,
      archived: moved,
      slimRows: slim.n,
      ftsRowsLeftOfArchived: ftsLeft.n,
      candidatePageMs: { p50: pct(pageMs, 0.5).toFixed(2), p99: pct(pageMs, 0.99).toFixed(2), pages: pageMs.length },
      moveBatchMs: { p50: pct(moveMs, 0.5).toFixed(3), p99: pct(moveMs, 0.99).toFixed(3) },
      databaseMB: { before: (before / 1e6).toFixed(1), after: (afterBytes / 1e6).toFixed(1) },
      bytesFreedPerArchivedCase: Math.round((before - afterBytes) / moved),
      plan,
    },
    null,
    1,
  ),
);
