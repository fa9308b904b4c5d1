// Benchmark (not a test) of issue 17 §5: years of the demo city's data in the sharded stores. Generates RATE cases
// a day for YEARS years over the demo city (generateCity: its 7 counties, 2,954 grids, the demo categories; grids
// weighted by population), gives each a lifecycle (city-years-lifecycle.ts), and loads them per county into on-disk
// node:sqlite databases built from the real migrations: the cases read model (hot tables hold what the archive
// policy keeps: open cases and terminal ones until 90 days after their terminal time; then a slim archived_cases
// row), and the assessments' facts (every case event and indicator measure: the service keeps them for ever).
// Then times the list/search paths on the largest county and prints the sizes against D1's 10 GB.
// Run: npm run bench -- city-years          (or: npx tsx infra/bench/city-years.ts [rate per day] [years])
//      CITY_YEARS_RATE / CITY_YEARS set the same; CITY_YEARS_KEEP=1 keeps the databases (their dir is printed).
// Quick: CITY_YEARS_SAMPLE=1000 npm run bench -- city-years loads the largest county in full (58k hot cases, the
//      figures of issue 17) and 1 case in 1,000 elsewhere: ~5 minutes on 2 shared cores; add CITY_YEARS_RATE=1000
//      for a third of the data (19k hot cases) in under a minute. Both time the same queries.
// Time: a loaded case costs ~200 µs of CPU (its ~11 facts, ~11 measures and, while hot, 4 read-model rows), so the
// full row count of all counties (3.3 M cases, ~36 M fact rows) would take ~11 minutes of CPU. By default the LARGEST
// county (the one the queries run on) is loaded in full (~0.66 M cases) and each other county gets 1 case in
// CITY_YEARS_SAMPLE (default 10) with all of its facts; their rows and sizes are printed scaled by the sample (marked
// "×10"): ~4 minutes of CPU in all. CITY_YEARS_SAMPLE=1 loads every county in full.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CASE_CATEGORIES, DEFAULT_SEED, createRng, generateCases, generateCity } from "@civicgrid/demo-data";
import type { Principal } from "@civicgrid/contracts";
import { newCaseId } from "../../services/cases/src/domain/case-id";
import { DAY, simulate } from "./city-years-lifecycle";
import {
  ARCHIVED_MONTH_SQL,
  archivedMonth,
  ftsReplacer,
  hotCases,
  pagesOf,
  planOf,
  proxyDb,
  time,
  type Timing,
} from "./city-years-queries";
import { CountyStore } from "./city-years-store";

const RATE = Number(process.argv[2] ?? process.env.CITY_YEARS_RATE ?? 3000);
const YEARS = Number(process.argv[3] ?? process.env.CITY_YEARS ?? 3);
const D1_LIMIT = 10 * 1024 ** 3;
const SAMPLE = Math.max(1, Math.round(Number(process.env.CITY_YEARS_SAMPLE ?? 10)));
const BATCH = 20_000;
const END = Date.parse("2026-12-01T00:00:00+08:00");
const DAYS = Math.round(YEARS * 365);
const START = END - DAYS * DAY;
const TOTAL = Math.round(RATE * DAYS);
const mb = (b: number) => (b / 1024 ** 2).toFixed(0);

const started = performance.now();
const city = generateCity({});
const counties = city.divisions.filter((d) => d.level === "county");
const names = new Map(CASE_CATEGORIES.map((c) => [c.code, c.name]));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-city-years-"));
console.log(
  `city-years: ${RATE} cases/day for ${YEARS} years (${DAYS} days, ${TOTAL.toLocaleString("en")} cases) over ${counties.length} counties, ` +
    `${city.grids.length} grids; ${new Date(START).toISOString().slice(0, 10)} .. ${new Date(END).toISOString().slice(0, 10)}; ` +
    `databases in ${dir} (${os.cpus().length} cores)`,
);
// generateCases weights a grid by 100 + its population: the county with the largest sum gets the most cases.
const weight = new Map<string, number>();
for (const g of city.grids) {
  const county = countyOf(g.villageCode);
  weight.set(county, (weight.get(county) ?? 0) + 100 + g.population);
}
const largest = [...weight].sort((a, b) => b[1] - a[1])[0]![0];
console.log(
  SAMPLE === 1
    ? "city-years: every county loaded in full"
    : `city-years: ${largest} (the largest) loaded in full; the other counties 1 case in ${SAMPLE}, figures scaled ×${SAMPLE}`,
);
const stores = new Map(counties.map((d) => [d.code, new CountyStore(d.code, dir, names)]));
const departments = new Map(
  counties.map((d) => [d.code, city.departments.filter((x) => x.divisionCode === d.code).map((x) => x.id)]),
);
const rng = createRng(DEFAULT_SEED, "city-years");
const idBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256));

try {
  let n = 0;
  let loaded = 0;
  for (const store of stores.values()) store.begin();
  for (const c of generateCases({ count: TOTAL, grids: city.grids, from: new Date(START), to: new Date(END) })) {
    const county = countyOf(c.villageCode);
    if (county !== largest && n % SAMPLE !== 0) {
      n++;
      continue;
    }
    const store = stores.get(county)!;
    const s = simulate(rng, c, departments.get(county) ?? [], END);
    store.add(s, newCaseId(new Date(s.reportedAt), idBytes), n, END);
    n++;
    if (++loaded % BATCH === 0) {
      for (const st of stores.values()) {
        st.commit();
        st.begin();
      }
      if (loaded % (BATCH * 10) === 0)
        console.log(
          `city-years: ${n.toLocaleString("en")} cases generated, ${loaded.toLocaleString("en")} loaded (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
  }
  for (const store of stores.values()) store.commit();
  const loadS = (performance.now() - started) / 1000;
  console.log(
    `city-years: ${n.toLocaleString("en")} cases generated, ${loaded.toLocaleString("en")} loaded in ${loadS.toFixed(0)} s ` +
      `(${(loaded / loadS).toFixed(0)} cases/s)`,
  );
  printSizes([...stores.values()]);
  const queried = stores.get(largest)!;
  printTimings(queried, await timeQueries(queried));
} finally {
  for (const store of stores.values()) store.close();
  if (!process.env.CITY_YEARS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`city-years: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

function countyOf(villageCode: string): string {
  return `${villageCode.slice(0, 6)}000000`;
}

function printSizes(all: CountyStore[]): void {
  const years = YEARS;
  // The hot tables reach their steady size within the first months (90 days after terminal, plus the open tail);
  // the archived index and the facts grow with every case: their growth a year is what fills a database.
  const archivedYears = (DAYS - 90) / 365;
  console.log(
    `\nsizes per county after ${years} years (page_count × page_size; D1 limit ${mb(D1_LIMIT)} MB a database):`,
  );
  console.log(
    "county".padEnd(13),
    "hot cases".padStart(10),
    "archived".padStart(10),
    "events".padStart(11),
    "measures".padStart(11),
    "cases DB MB".padStart(12),
    "of it archived".padStart(15),
    "facts DB MB".padStart(12),
    "cases DB full in".padStart(17),
    "facts DB full in".padStart(17),
  );
  const total = { cases: 0, archived: 0, facts: 0 };
  for (const s of all) {
    const k = s.county === largest ? 1 : SAMPLE;
    const raw = s.sizes();
    const size = { casesDb: raw.casesDb * k, archived: raw.archived * k, facts: raw.facts * k };
    const rows = (x: number) => `${k === 1 ? "" : `×${k} `}${x * k}`;
    total.cases += size.casesDb;
    total.archived += size.archived;
    total.facts += size.facts;
    console.log(
      s.county.padEnd(13),
      rows(s.rows.hot).padStart(10),
      rows(s.rows.archived).padStart(10),
      rows(s.rows.events).padStart(11),
      rows(s.rows.measures).padStart(11),
      mb(size.casesDb).padStart(12),
      mb(size.archived).padStart(15),
      mb(size.facts).padStart(12),
      fullIn(size.casesDb, size.archived / archivedYears).padStart(17),
      fullIn(size.facts, size.facts / years).padStart(17),
    );
  }
  console.log(
    "whole city in one DB".padEnd(13),
    "".padStart(10 + 10 + 11 + 11 + 4),
    mb(total.cases).padStart(12),
    mb(total.archived).padStart(15),
    mb(total.facts).padStart(12),
    fullIn(total.cases, total.archived / archivedYears).padStart(17),
    fullIn(total.facts, total.facts / years).padStart(17),
  );
  console.log(
    `("full in": years from the start of the city's data until the database reaches ${mb(D1_LIMIT)} MB at this rate, ` +
      "growing by the archived index (cases DB) or by all facts (facts DB) a year; the hot tables stay at their steady size)",
  );
}

function fullIn(now: number, perYear: number): string {
  if (now >= D1_LIMIT) return `full (${YEARS} y)`;
  if (perYear <= 0) return "never";
  return `${(YEARS + (D1_LIMIT - now) / perYear).toFixed(1)} y`;
}

async function timeQueries(store: CountyStore): Promise<Timing[]> {
  const seen = new Map<string, unknown[]>();
  const db = proxyDb(store.cases, seen);
  const who: Principal = { sub: "bench-county-agency", roles: ["agency"], divisionCode: store.county };
  const grids = (
    store.cases
      .prepare("SELECT grid_code AS g, count(*) AS n FROM cases GROUP BY grid_code ORDER BY n DESC LIMIT 40")
      .all() as { g: string }[]
  ).map((r) => r.g);
  const months = (
    store.cases.prepare("SELECT DISTINCT substr(closed_at, 1, 7) AS m FROM archived_cases ORDER BY m").all() as {
      m: string;
    }[]
  ).map((r) => r.m);
  const statuses = ["signed", "handled", "closed", "reported", "rated"] as const;
  const terms = ["路灯故障", "垃圾乱堆放", "占道经营", "消防安全隐患", "群众反映多次"];
  const out: Timing[] = [];
  const planned = async (name: string, runs: number, one: (i: number) => Promise<number> | number) => {
    seen.clear();
    const t = await time(name, runs, one);
    const [sql, params] = [...seen.entries()][0] ?? ["", []];
    t.plan = sql ? planOf(store.cases, sql, params) : t.plan;
    out.push(t);
  };
  await planned("list by status, 3 keyset pages of 50", 200, (i) =>
    pagesOf(db, who, { status: statuses[i % statuses.length] }, 3),
  );
  await planned("list by grid, 3 keyset pages of 50", 200, (i) =>
    pagesOf(db, who, { grid: grids[i % grids.length] }, 3),
  );
  await planned("list by grid and status, 1 page", 200, (i) =>
    pagesOf(db, who, { grid: grids[i % grids.length], status: statuses[i % statuses.length] }, 1),
  );
  await planned("search, trigram MATCH (3+ chars), 1 page", 100, (i) =>
    pagesOf(db, who, { q: terms[i % terms.length] }, 1),
  );
  await planned("search, 2 chars (LIKE scan), 1 page", 20, (i) => pagesOf(db, who, { q: ["路灯", "排污"][i % 2] }, 1));
  const replaced = hotCases(store.cases, 200);
  for (const by of ["case_id", "rowid"] as const) {
    const replace = ftsReplacer(store.cases, by);
    const sql = by === "rowid" ? "DELETE FROM cases_fts WHERE rowid = ?" : "DELETE FROM cases_fts WHERE case_id = ?";
    const t = await time(`projection: FTS row replaced by ${by}`, replaced.length, (i) => replace(replaced[i]!));
    t.plan = planOf(store.cases, sql, [1]);
    out.push(t);
  }
  const t = await time("archived by closing month, 3 keyset pages of 50", 200, (i) =>
    archivedMonth(store.cases, store.county, months[i % months.length] ?? "2026-01", 3),
  );
  t.plan = planOf(store.cases, ARCHIVED_MONTH_SQL, ["4407%", "2026-01", "2026-02", "2026-02", ""]);
  out.push(t);
  return out;
}

function printTimings(store: CountyStore, timings: Timing[]): void {
  console.log(
    `\nread paths on the largest county ${store.county} (${store.rows.hot} hot cases, ${store.rows.archived} archived):`,
  );
  console.log("query".padEnd(50), "runs".padStart(5), "rows".padStart(5), "p50 ms".padStart(8), "p99 ms".padStart(8));
  for (const t of timings)
    console.log(
      t.name.padEnd(50),
      String(t.runs).padStart(5),
      String(t.rows).padStart(5),
      t.p50.toFixed(2).padStart(8),
      t.p99.toFixed(2).padStart(8),
    );
  console.log("plans:");
  for (const t of timings) console.log(`  ${t.name}: ${t.plan}`);
}
