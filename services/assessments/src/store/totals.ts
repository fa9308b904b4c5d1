import type { RankingKind } from "@civicgrid/contracts";
import { and, between, countDistinct, like, max, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { SubjectTotals } from "../domain/scoring";
import type { Db } from "./db";
import { departmentDayFacts, gridDayFacts, workerDayFacts } from "./schema";

const total = (column: SQLiteColumn): SQL<number> => sql<number>`sum(${column})`.mapWith(Number);
const sums = <K extends string>(columns: Record<K, SQLiteColumn>) =>
  Object.fromEntries(Object.entries<SQLiteColumn>(columns).map(([k, c]) => [k, total(c)])) as Record<K, SQL<number>>;
const text = (column: SQLiteColumn): SQL<string> => max(column).mapWith(String) as SQL<string>;

/** Sums of each subject's daily facts over a span, for the counties under `countyPrefix` ('' for all). */
export function loadTotals(
  db: Db,
  kind: RankingKind,
  range: { from: string; to: string },
  countyPrefix: string,
): Promise<SubjectTotals[]> {
  const prefix = `${countyPrefix}%`;
  const grid = gridDayFacts;
  const gridTotals = sums({
    patrolled: grid.patrolled,
    cases_reported: grid.casesReported,
    resolved_on_site: grid.resolvedOnSite,
    cases_closed: grid.casesClosed,
    overdue: grid.overdue,
  });
  const inGrids = and(between(grid.day, range.from, range.to), like(grid.countyCode, prefix));
  switch (kind) {
    case "worker": {
      const w = workerDayFacts;
      return db
        .select({
          subjectId: w.sub,
          divisionCode: text(w.divisionCode),
          countyCode: text(w.countyCode),
          totals: sums({
            checked_in: w.checkedIn,
            met_minimum: w.metMinimum,
            cases_reported: w.casesReported,
            cases_verified: w.casesVerified,
            resolved_on_site: w.resolvedOnSite,
            orders_done: w.ordersDone,
            orders_on_time: w.ordersOnTime,
          }),
        })
        .from(w)
        .where(and(between(w.day, range.from, range.to), like(w.countyCode, prefix)))
        .groupBy(w.sub)
        .all();
    }
    case "grid":
      return db
        .select({
          subjectId: grid.gridCode,
          divisionCode: text(grid.villageCode),
          countyCode: text(grid.countyCode),
          totals: { grids: sql<number>`1`.mapWith(Number), ...gridTotals },
        })
        .from(grid)
        .where(inGrids)
        .groupBy(grid.gridCode)
        .all();
    case "township":
      return db
        .select({
          subjectId: grid.townshipCode,
          divisionCode: grid.townshipCode,
          countyCode: text(grid.countyCode),
          totals: { grids: countDistinct(grid.gridCode), ...gridTotals },
        })
        .from(grid)
        .where(inGrids)
        .groupBy(grid.townshipCode)
        .all();
    case "department": {
      const d = departmentDayFacts;
      return db
        .select({
          subjectId: d.departmentId,
          divisionCode: text(d.divisionCode),
          countyCode: text(d.divisionCode),
          totals: sums({
            dispatched: d.dispatched,
            signed: d.signed,
            signed_on_time: d.signedOnTime,
            handled: d.handled,
            handled_on_time: d.handledOnTime,
            returned: d.returned,
            overdue: d.overdue,
            warnings: d.warnings,
            rated: d.rated,
            satisfaction_sum: d.satisfactionSum,
          }),
        })
        .from(d)
        .where(and(between(d.day, range.from, range.to), like(d.divisionCode, prefix)))
        .groupBy(d.departmentId)
        .all();
    }
  }
}
