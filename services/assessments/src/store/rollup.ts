import { and, between, eq, like, sql, type SQL } from "drizzle-orm";
import { union, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "./db";
import {
  basedataEvents,
  caseEvents,
  checkins,
  departmentDayFacts,
  factRuns,
  gridDayFacts,
  patrols,
  workerDayFacts,
} from "./schema";

/**
 * The daily rollup: one day's facts rebuilt from the stored case events, check-ins, patrols and base-data events
 * (visits, verified collection), in one D1 batch (a transaction). Facts are derived, never incremented, so a
 * redelivered event changes nothing and recomputing any past day gives the same rows. `countyPrefix` limits a
 * recompute to a jurisdiction ('' for all). It runs on one county's shard (store/shards.ts), whose events,
 * check-ins, patrols and base-data events are all that county's.
 *
 * On time: every case event carries the deadline of the step it starts, so the step an event ends
 * had the deadline of the case's previous event (LAG over the case's versions); an event at or before
 * that deadline is on time. Satisfaction: satisfied 100, basically_satisfied 80, unsatisfied 0.
 * A dispute's own events (dispute.*) carry the running step's deadline, so they stay in the LAG, but count
 * nothing here and put no worker, grid or department on a day: their figures are dispute_counts'.
 */
const eventsWithDeadlines = (day: string) => sql`
  ev AS (
    SELECT e.*,
      LAG(e.due_at) OVER (PARTITION BY e.case_id ORDER BY e.version) AS prev_due,
      LAG(e.lead_department_id) OVER (PARTITION BY e.case_id ORDER BY e.version) AS prev_lead,
      EXISTS (SELECT 1 FROM case_events w
        WHERE w.case_id = e.case_id AND w.type = 'case.work_order_created' AND w.version < e.version) AS had_order
    FROM case_events e
    WHERE e.case_id IN (SELECT case_id FROM case_events WHERE day = ${day})
  ),
  today AS (
    SELECT *, (prev_due IS NULL OR occurred_at <= prev_due) AS on_time FROM ev
    WHERE day = ${day} AND type NOT LIKE 'dispute.%'
  )`;

const workerFacts = (day: string, prefix: string, minimumMinutes: number) => sql`
WITH ${eventsWithDeadlines(day)},
  wk AS (
    SELECT actor_sub AS sub, MAX(actor_unit) AS division_code,
      SUM(type = 'case.reported') AS reported, SUM(type = 'case.verified') AS verified,
      SUM(type = 'case.resolved_on_site') AS on_site,
      SUM(type IN ('case.verified', 'case.resolved_on_site') AND had_order) AS orders_done,
      SUM(type IN ('case.verified', 'case.resolved_on_site') AND had_order AND on_time) AS orders_on_time
    FROM today WHERE actor_role = 'grid_worker' GROUP BY actor_sub
  ),
  pt AS (
    SELECT sub, MAX(division_code) AS division_code, SUM(counted_minutes) AS minutes,
      SUM(counted_distance_m) AS distance, SUM(flags <> '[]') AS flagged
    FROM patrols WHERE day = ${day} GROUP BY sub
  ),
  ci AS (SELECT sub, division_code FROM checkins WHERE day = ${day}),
  bd AS (
    SELECT sub, MAX(village_code) AS division_code, SUM(type = 'basedata.visit.recorded') AS visits,
      SUM(type = 'basedata.submission.approved') AS approved
    FROM basedata_events WHERE day = ${day} GROUP BY sub
  ),
  subs AS (SELECT sub FROM ci UNION SELECT sub FROM pt UNION SELECT sub FROM wk UNION SELECT sub FROM bd),
  joined AS (
    SELECT s.sub, COALESCE(ci.division_code, pt.division_code, wk.division_code, bd.division_code) AS division_code,
      ci.sub IS NOT NULL AS checked_in, COALESCE(pt.minutes, 0) AS minutes, COALESCE(pt.distance, 0) AS distance,
      COALESCE(pt.flagged, 0) AS flagged,
      COALESCE(wk.reported, 0) AS reported, COALESCE(wk.verified, 0) AS verified, COALESCE(wk.on_site, 0) AS on_site,
      COALESCE(wk.orders_done, 0) AS orders_done, COALESCE(wk.orders_on_time, 0) AS orders_on_time,
      COALESCE(bd.visits, 0) AS visits, COALESCE(bd.approved, 0) AS approved
    FROM subs s LEFT JOIN ci ON ci.sub = s.sub LEFT JOIN pt ON pt.sub = s.sub LEFT JOIN wk ON wk.sub = s.sub
      LEFT JOIN bd ON bd.sub = s.sub
  )
SELECT j.sub, ${day}, j.division_code, substr(j.division_code, 1, 6) || '000000', j.checked_in, j.minutes, j.distance,
  j.flagged, j.minutes >= ${minimumMinutes}, j.reported, j.verified, j.on_site, j.orders_done, j.orders_on_time,
  j.visits, j.approved
FROM joined j WHERE j.division_code LIKE ${prefix}`;

// Grid codes are the village code plus a 3-digit sequence, so a grid's divisions follow from its code.
// A patrol's minutes are shared evenly among the grids it covered. An overdue step counts against the grid
// when the grid's own agencies (its village or township) were answerable for it; a department's late step
// counts against that department.
const gridFacts = (day: string, prefix: string) => sql`
WITH ${eventsWithDeadlines(day)},
  ge AS (
    SELECT grid_code, SUM(type = 'case.reported') AS reported, SUM(type = 'case.verified') AS verified,
      SUM(type = 'case.resolved_on_site') AS on_site,
      SUM(type IN ('case.check_passed', 'case.resolved_on_site')) AS closed,
      SUM(type = 'case.overdue' AND responsible_unit LIKE substr(grid_code, 1, 9) || '%') AS overdue
    FROM today WHERE grid_code IS NOT NULL GROUP BY grid_code
  ),
  gp AS (
    SELECT j.value AS grid_code, SUM(p.counted_minutes / json_array_length(p.covered_grids)) AS minutes
    FROM patrols p, json_each(p.covered_grids) j WHERE p.day = ${day} GROUP BY j.value
  ),
  grids AS (SELECT grid_code FROM ge UNION SELECT grid_code FROM gp)
SELECT g.grid_code, ${day}, substr(g.grid_code, 1, 12), substr(g.grid_code, 1, 9) || '000',
  substr(g.grid_code, 1, 6) || '000000', COALESCE(gp.minutes, 0), gp.grid_code IS NOT NULL, COALESCE(ge.reported, 0),
  COALESCE(ge.verified, 0), COALESCE(ge.on_site, 0), COALESCE(ge.closed, 0), COALESCE(ge.overdue, 0)
FROM grids g LEFT JOIN ge ON ge.grid_code = g.grid_code LEFT JOIN gp ON gp.grid_code = g.grid_code
WHERE g.grid_code LIKE ${prefix}`;

/**
 * Each event counts for the department it belongs to, never simply the lead of the state after it (a return
 * clears the lead, so the return was credited to nobody): a dispatch to the department it went to; a
 * warning, an overdue step or a supervision (督办) to the unit answerable for the running step; a return to the
 * department that returned (`fromDepartmentId`, else the acting department, else the previous event's lead);
 * a rejected handling (an unsatisfied rating that reopens the case) to the lead it had; a signing, a
 * handling or an extension request to the department that acted; a rating to the lead.
 */
const departmentFacts = (day: string, prefix: string) => sql`
WITH ${eventsWithDeadlines(day)},
  de AS (
    SELECT *, CASE
        WHEN type IN ('case.overdue', 'case.deadline_warning', 'case.supervised') THEN responsible_unit
        WHEN type = 'case.dispatched' THEN lead_department_id
        WHEN type IN ('case.returned', 'case.reopened')
          THEN COALESCE(from_department_id, CASE WHEN actor_role = 'department' THEN actor_unit END, prev_lead)
        WHEN actor_role = 'department' THEN actor_unit
        ELSE lead_department_id
      END AS dept
    FROM today
  )
SELECT dept, ${day}, substr(dept, 6, 6) || '000000',
  SUM(type = 'case.dispatched'), SUM(type = 'case.signed'), SUM(type = 'case.signed' AND on_time),
  SUM(type = 'case.handled'), SUM(type = 'case.handled' AND on_time), SUM(type = 'case.returned'),
  SUM(type = 'case.overdue'), SUM(type IN ('case.deadline_warning', 'case.supervised')),
  SUM(type IN ('case.rated', 'case.reopened') AND rating IS NOT NULL),
  SUM(CASE WHEN type <> 'case.rated' THEN 0 WHEN rating = 'satisfied' THEN 100
    WHEN rating = 'basically_satisfied' THEN 80 ELSE 0 END)
FROM de WHERE dept GLOB 'dept-[0-9][0-9][0-9][0-9][0-9][0-9]-*' AND substr(dept, 6, 6) || '000000' LIKE ${prefix}
GROUP BY dept`;

/**
 * The statements of one day's rollup, for one batch: each kind of fact is deleted and rebuilt by one aggregate
 * INSERT ... SELECT over the stored events (the SELECT is SQL drizzle cannot say; it yields the table's columns
 * in the order facts-schema.ts declares them), then the day is marked rolled up.
 */
export function rollupStatements(db: Db, day: string, scope: RollupScope, computedAt: string) {
  const prefix = `${scope.countyPrefix}%`;
  const within = (dayColumn: SQLiteColumn, scoped: SQLiteColumn): SQL => and(eq(dayColumn, day), like(scoped, prefix))!;
  return [
    db.delete(workerDayFacts).where(within(workerDayFacts.day, workerDayFacts.divisionCode)),
    db.insert(workerDayFacts).select(workerFacts(day, prefix, scope.minimumMinutes)),
    db.delete(gridDayFacts).where(within(gridDayFacts.day, gridDayFacts.gridCode)),
    db.insert(gridDayFacts).select(gridFacts(day, prefix)),
    db.delete(departmentDayFacts).where(within(departmentDayFacts.day, departmentDayFacts.divisionCode)),
    db.insert(departmentDayFacts).select(departmentFacts(day, prefix)),
    db
      .insert(factRuns)
      .values({ day, computedAt })
      .onConflictDoUpdate({ target: factRuns.day, set: { computedAt, dirtySince: null } }),
  ] as const;
}

/**
 * What a rollup covers on a shard: the divisions under `countyPrefix` ('' for all), and the daily patrol minimum of
 * the shard's county (its settings are city-wide, in DB, so the rollup on a shard cannot join them).
 */
export interface RollupScope {
  countyPrefix: string;
  minimumMinutes: number;
}

/** Days rolled up in one D1 batch (one transaction): a month's, so a year's recompute is a dozen calls a shard. */
const DAYS_PER_BATCH = 31;

/** Rolls up some days, DAYS_PER_BATCH a batch; each batch all or nothing. */
export async function rollupDays(db: Db, days: readonly string[], scope: RollupScope): Promise<void> {
  const computedAt = new Date().toISOString();
  for (let i = 0; i < days.length; i += DAYS_PER_BATCH) {
    const [first, ...rest] = days
      .slice(i, i + DAYS_PER_BATCH)
      .flatMap((d) => rollupStatements(db, d, scope, computedAt));
    if (first) await db.batch([first, ...rest]);
  }
}

/**
 * The days of a span on which a shard has something to roll up (events, check-ins, patrols, base-data events) or
 * facts to replace; any other day rolls up to nothing, so a recompute skips it.
 */
export async function activeDays(db: Db, range: { from: string; to: string }): Promise<string[]> {
  const within = (day: SQLiteColumn) => between(day, range.from, range.to);
  const dayOf = (day: SQLiteColumn) => ({ day: sql<string>`${day}`.as("day") });
  // Two queries: D1 allows few terms in one compound SELECT.
  const [sources, facts] = await Promise.all([
    union(
      db.select(dayOf(caseEvents.day)).from(caseEvents).where(within(caseEvents.day)),
      db.select(dayOf(checkins.day)).from(checkins).where(within(checkins.day)),
      db.select(dayOf(patrols.day)).from(patrols).where(within(patrols.day)),
      db.select(dayOf(basedataEvents.day)).from(basedataEvents).where(within(basedataEvents.day)),
    ).all(),
    union(
      db.select(dayOf(workerDayFacts.day)).from(workerDayFacts).where(within(workerDayFacts.day)),
      db.select(dayOf(gridDayFacts.day)).from(gridDayFacts).where(within(gridDayFacts.day)),
      db.select(dayOf(departmentDayFacts.day)).from(departmentDayFacts).where(within(departmentDayFacts.day)),
    ).all(),
  ]);
  const rows = [...sources, ...facts];
  return [...new Set(rows.map((r) => r.day))].sort();
}
