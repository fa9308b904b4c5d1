// Benchmark (not a test): the monthly ranking of a Jiangmen-sized city in one cron run.
// Generates ~1,000,000 case events over the demo city (2,954 grids, ~9,000 workers) for November 2026,
// sums them into per-subject totals the way the daily facts and TOTALS_SQL do, then runs the exact
// scoring code the cron runs (rankSubjects) for workers, grids, townships and departments.
// Run: npx tsx infra/bench/assessments-ranking.ts
import { generateCases, generateCity } from "@civicgrid/demo-data";
import { DEFAULT_WEIGHTS } from "../../services/assessments/src/domain/settings.ts";
import { rankSubjects, type SubjectTotals } from "../../services/assessments/src/domain/scoring.ts";

const EVENTS = 1_000_000;
const t0 = performance.now();
const city = generateCity({});
const workersByGrid = new Map<string, string[]>();
for (const w of city.workers)
  for (const a of w.assignments) workersByGrid.set(a.gridCode, [...(workersByGrid.get(a.gridCode) ?? []), w.id]);
const workerDivision = new Map(city.workers.map((w) => [w.id, w.divisionCode]));
const t1 = performance.now();

const bump = (map: Map<string, SubjectTotals>, id: string, division: string, key: string, n = 1) => {
  let s = map.get(id);
  if (!s)
    map.set(
      id,
      (s = { subjectId: id, divisionCode: division, countyCode: `${division.slice(0, 6)}000000`, totals: {} }),
    );
  s.totals[key] = (s.totals[key] ?? 0) + n;
};
const workers = new Map<string, SubjectTotals>();
const grids = new Map<string, SubjectTotals>();
const townships = new Map<string, SubjectTotals>();
const departments = new Map<string, SubjectTotals>();
const deptKeys = ["police", "urban_management", "housing", "ecology", "civil_affairs", "emergency"];

// Each case yields 4 events on average: reported, verified or resolved on site, and for dispatched cases
// dispatched + signed + handled (+ overdue, rated); 250,000 cases ≈ 1,000,000 events.
let events = 0;
let i = 0;
for (const c of generateCases({
  count: EVENTS / 4,
  grids: city.grids,
  from: "2026-11-01T00:00:00+08:00",
  to: "2026-12-01T00:00:00+08:00",
})) {
  const servers = workersByGrid.get(c.gridCode) ?? [];
  const worker = servers[i++ % Math.max(1, servers.length)];
  const township = `${c.villageCode.slice(0, 9)}000`;
  const dept = `dept-${c.villageCode.slice(0, 6)}-${deptKeys[i % deptKeys.length]}`;
  if (worker) {
    const div = workerDivision.get(worker) ?? c.villageCode;
    bump(workers, worker, div, "cases_reported");
    bump(workers, worker, div, i % 3 === 0 ? "resolved_on_site" : "cases_verified");
  }
  for (const [map, id, div] of [
    [grids, c.gridCode, c.villageCode],
    [townships, township, township],
  ] as const) {
    bump(map, id, div, "cases_reported");
    if (i % 3 === 0) bump(map, id, div, "resolved_on_site");
    if (c.status === "closed") bump(map, id, div, "cases_closed");
  }
  events += 2;
  if (i % 3 !== 0) {
    const county = `${c.villageCode.slice(0, 6)}000000`;
    for (const k of ["dispatched", "signed", "handled"]) bump(departments, dept, county, k);
    if (i % 5 !== 0) bump(departments, dept, county, "signed_on_time");
    if (i % 4 !== 0) bump(departments, dept, county, "handled_on_time");
    if (i % 7 === 0) bump(departments, dept, county, "overdue");
    bump(departments, dept, county, "rated");
    bump(departments, dept, county, "satisfaction_sum", i % 10 === 0 ? 0 : 100);
    events += 5 + (i % 7 === 0 ? 1 : 0);
  }
}
// Check-ins and patrol days: every worker checks in on most working days (~20 in November 2026).
for (const w of city.workers) {
  bump(workers, w.id, w.divisionCode, "checked_in", 15 + (w.id.length % 6));
  bump(workers, w.id, w.divisionCode, "met_minimum", 10 + (w.id.length % 10));
}
for (const g of grids.values()) g.totals.patrolled = 18;
const t2 = performance.now();

const weights = () => ({ weights: DEFAULT_WEIGHTS, version: 0 });
const timings: Record<string, number> = {};
let rows = 0;
for (const [kind, map] of [
  ["worker", workers],
  ["grid", grids],
  ["township", townships],
  ["department", departments],
] as const) {
  const start = performance.now();
  rows += rankSubjects(kind, "2026-11", [...map.values()], 21, weights).length;
  timings[kind] = Math.round(performance.now() - start);
}
const t3 = performance.now();
const mem = process.memoryUsage();
console.log(
  JSON.stringify(
    {
      grids: city.grids.length,
      workers: city.workers.length,
      caseEvents: events,
      subjects: { worker: workers.size, grid: grids.size, township: townships.size, department: departments.size },
      rankingRows: rows,
      ms: {
        generateCity: Math.round(t1 - t0),
        eventsToTotals: Math.round(t2 - t1),
        ranking: Math.round(t3 - t2),
        rankingByKind: timings,
      },
      heapUsedMB: Math.round(mem.heapUsed / 1e6),
      rssMB: Math.round(mem.rss / 1e6),
    },
    null,
    2,
  ),
);
