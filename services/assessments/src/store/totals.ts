import type { RankingKind } from "@civicgrid/contracts";
import { and, between, countDistinct, like, max, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { addFigures, maxCode, mergeBy } from "../domain/merge";
import type { SubjectTotals } from "../domain/scoring";
import type { Db } from "./db";
import { departmentDayFacts as dept, gridDayFacts as grid, workerDayFacts as worker } from "./schema";
import { eachShard, type Shard } from "./shards";

const total = (column: SQLiteColumn): SQL<number> => sql<number>`sum(${column})`.mapWith(Number);
const sums = <K extends string>(columns: Record<K, SQLiteColumn>) =>
  Object.fromEntries(Object.entries<SQLiteColumn>(columns).map(([k, c]) => [k, total(c)])) as Record<K, SQL<number>>;
const latest = (column: SQLiteColumn): SQL<string> => max(column).mapWith(String) as SQL<string>;

/** How one kind of subject sums its daily facts: the table, the subject column, its division and county. */
interface TotalsQuery {
  table: SQLiteTable;
  subject: SQLiteColumn;
  division: SQLiteColumn | SQL<string>;
  county: SQLiteColumn;
  day: SQLiteColumn;
  /** The column a county prefix scopes by. */
  scoped: SQLiteColumn;
  totals: Record<string, SQL<number>>;
}

const gridTotals = sums({
  patrolled: grid.patrolled,
  cases_reported: grid.casesReported,
  resolved_on_site: grid.resolvedOnSite,
  cases_closed: grid.casesClosed,
  overdue: grid.overdue,
});
const onGrids = { table: grid, county: grid.countyCode, day: grid.day, scoped: grid.countyCode };

const QUERIES: Record<RankingKind, TotalsQuery> = {
  worker: {
    table: worker,
    subject: worker.sub,
    division: latest(worker.divisionCode),
    county: worker.countyCode,
    day: worker.day,
    scoped: worker.countyCode,
    totals: sums({
      checked_in: worker.checkedIn,
      met_minimum: worker.metMinimum,
      cases_reported: worker.casesReported,
      cases_verified: worker.casesVerified,
      resolved_on_site: worker.resolvedOnSite,
      orders_done: worker.ordersDone,
      orders_on_time: worker.ordersOnTime,
      visits: worker.visits,
      collection_approved: worker.collectionApproved,
    }),
  },
  grid: {
    ...onGrids,
    subject: grid.gridCode,
    division: latest(grid.villageCode),
    totals: { grids: sql<number>`1`.mapWith(Number), ...gridTotals },
  },
  township: {
    ...onGrids,
    subject: grid.townshipCode,
    division: grid.townshipCode,
    totals: { grids: countDistinct(grid.gridCode), ...gridTotals },
  },
  department: {
    table: dept,
    subject: dept.departmentId,
    division: latest(dept.divisionCode),
    county: dept.divisionCode,
    day: dept.day,
    scoped: dept.divisionCode,
    totals: sums({
      dispatched: dept.dispatched,
      signed: dept.signed,
      signed_on_time: dept.signedOnTime,
      handled: dept.handled,
      handled_on_time: dept.handledOnTime,
      returned: dept.returned,
      overdue: dept.overdue,
      warnings: dept.warnings,
      rated: dept.rated,
      satisfaction_sum: dept.satisfactionSum,
    }),
  },
};

/** Sums of each subject's daily facts over a span, for the counties under `countyPrefix` ('' for all). */
export function loadTotals(
  db: Db,
  kind: RankingKind,
  range: { from: string; to: string },
  countyPrefix: string,
): Promise<SubjectTotals[]> {
  const q = QUERIES[kind];
  return db
    .select({
      subjectId: sql<string>`${q.subject}`,
      divisionCode: sql<string>`${q.division}`,
      countyCode: latest(q.county),
      totals: q.totals,
    })
    .from(q.table)
    .where(and(between(q.day, range.from, range.to), like(q.scoped, `${countyPrefix}%`)))
    .groupBy(q.subject)
    .all();
}

/**
 * The same sums over several shards, folded per subject: every total is a sum (township `grids` counts distinct
 * grids, and a grid lies in one county), the division and county the largest seen, as MAX() gives on one shard.
 */
export async function loadTotalsOver(
  shards: readonly Shard[],
  kind: RankingKind,
  range: { from: string; to: string },
  countyPrefix: string,
): Promise<SubjectTotals[]> {
  const lists = await eachShard(shards, (db) => loadTotals(db, kind, range, countyPrefix));
  return mergeBy(
    lists.flat(),
    (s) => s.subjectId,
    (a, b) => ({
      subjectId: a.subjectId,
      divisionCode: maxCode(a.divisionCode, b.divisionCode),
      countyCode: maxCode(a.countyCode, b.countyCode),
      totals: addFigures(a.totals, b.totals),
    }),
  );
}
