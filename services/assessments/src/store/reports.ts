import { divisionPrefix } from "@civicgrid/contracts";
import { and, asc, between, count, desc, eq, isNotNull, like, sql, type SQL } from "drizzle-orm";
import type { CategoryMonth, Count, MonthCount, ReportArea, ReportCounts } from "../domain/monthly-report";
import { reportWindow } from "../domain/monthly-report";
import type { Db } from "./db";
import { monthlyDisputes } from "./dispute-figures";
import { monthlyIndicators } from "./indicator-facts";
import { basedataEvents as b, caseEvents as e } from "./schema";

const AREA_COLUMN = { county: e.countyCode, township: e.townshipCode, village: e.villageCode } as const;

/**
 * What a 月分析 counts, from the stored events: new cases (their case.reported event) of a jurisdiction by
 * month, category, area, source, day and grid, and its departments' overdue events, in parallel; its 三率 and
 * standard indicators (indicator facts).
 */
export async function monthlyCounts(
  db: Db,
  divisionCode: string,
  month: string,
  area: ReportArea,
): Promise<ReportCounts> {
  const { thisMonth, span } = reportWindow(month);
  const where = (type: string, range: { from: string; to: string }, ...more: SQL[]) =>
    and(
      eq(e.type, type),
      like(sql`COALESCE(${e.villageCode}, ${e.townshipCode}, ${e.countyCode})`, `${divisionPrefix(divisionCode)}%`),
      between(e.day, range.from, range.to),
      ...more,
    );
  const reported = (range: { from: string; to: string }, ...more: SQL[]) => where("case.reported", range, ...more);
  const monthOf = sql<string>`substr(${e.day}, 1, 7)`;
  const areaOf = sql<string>`COALESCE(${AREA_COLUMN[area]}, 'unknown')`;
  const n = count();
  const [byMonth, byCategoryMonth, bySource, byArea, daily, topGrids, topOverdueDepartments, areaCategory] =
    await Promise.all([
      db.select({ key: monthOf, count: n }).from(e).where(reported(span)).groupBy(monthOf).all() as Promise<Count[]>,
      db
        .select({ category: e.categoryCode, month: monthOf, count: n })
        .from(e)
        .where(reported(span))
        .groupBy(e.categoryCode, monthOf)
        .all() as Promise<CategoryMonth[]>,
      db
        .select({ key: e.source, count: n })
        .from(e)
        .where(reported(thisMonth))
        .groupBy(e.source)
        .orderBy(desc(n), asc(e.source))
        .all(),
      db
        .select({ key: areaOf, count: n })
        .from(e)
        .where(reported(thisMonth))
        .groupBy(areaOf)
        .orderBy(desc(n), asc(areaOf))
        .all(),
      db.select({ day: e.day, count: n }).from(e).where(reported(thisMonth)).groupBy(e.day).all(),
      db
        .select({ key: e.gridCode, count: n })
        .from(e)
        .where(reported(thisMonth, isNotNull(e.gridCode)))
        .groupBy(e.gridCode)
        .orderBy(desc(n), asc(e.gridCode))
        .limit(10)
        .all() as Promise<Count[]>,
      db
        .select({ key: e.responsibleUnit, count: n })
        .from(e)
        .where(where("case.overdue", thisMonth, like(e.responsibleUnit, "dept-%")))
        .groupBy(e.responsibleUnit)
        .orderBy(desc(n), asc(e.responsibleUnit))
        .limit(10)
        .all() as Promise<Count[]>,
      db
        .select({ category: e.categoryCode, area: areaOf, month: monthOf, count: n })
        .from(e)
        .where(reported(span))
        .groupBy(e.categoryCode, areaOf, monthOf)
        .all() as Promise<MonthCount[]>,
    ]);
  const collection = await collectionCounts(db, divisionCode, thisMonth);
  const disputes = await monthlyDisputes(db, divisionCode, thisMonth, area);
  const indicators = await monthlyIndicators(db, divisionCode, thisMonth);
  return {
    byMonth,
    byCategoryMonth,
    bySource,
    byArea,
    daily,
    topGrids,
    topOverdueDepartments,
    areaCategory,
    collection,
    disputes,
    indicators,
  };
}

/** Visits recorded and collection verified in a jurisdiction over a span (base-data events, by village). */
async function collectionCounts(db: Db, divisionCode: string, range: { from: string; to: string }) {
  const rows = await db
    .select({ type: b.type, count: count() })
    .from(b)
    .where(and(like(b.villageCode, `${divisionPrefix(divisionCode)}%`), between(b.day, range.from, range.to)))
    .groupBy(b.type)
    .all();
  const of = (type: string) => rows.find((r) => r.type === type)?.count ?? 0;
  return { visits: of("basedata.visit.recorded"), collectionApproved: of("basedata.submission.approved") };
}
