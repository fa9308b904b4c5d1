import { divisionPrefix } from "@civicgrid/contracts";
import { and, asc, between, count, desc, eq, isNotNull, like, sql, type SQL } from "drizzle-orm";
import type { CategoryMonth, Count, MonthCount, ReportArea, ReportCounts } from "../domain/monthly-report";
import { reportWindow } from "../domain/monthly-report";
import { addFigures, mergeBy, sumCounts } from "../domain/merge";
import type { Db } from "./db";
import { monthlyDisputes } from "./dispute-figures";
import { monthlyIndicators } from "./indicator-facts";
import { basedataEvents as b, caseEvents as e } from "./schema";
import { eachShard, type Shard } from "./shards";

const AREA_COLUMN = { county: e.countyCode, township: e.townshipCode, village: e.villageCode } as const;

/** The busiest grids and the most overdue departments a report lists. */
const TOP = 10;
const addCount = <T extends { count: number }>(a: T, b: T): T => ({ ...a, count: a.count + b.count });

/** What one shard counts for a 月分析 (see monthlyCounts); its overdue departments are not cut to the top ten. */
async function countsOn(db: Db, divisionCode: string, month: string, area: ReportArea) {
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
  const [byMonth, byCategoryMonth, bySource, byArea, daily, topGrids, overdueDepartments, areaCategory, collection] =
    await Promise.all([
      db.select({ key: monthOf, count: n }).from(e).where(reported(span)).groupBy(monthOf).all() as Promise<Count[]>,
      db
        .select({ category: e.categoryCode, month: monthOf, count: n })
        .from(e)
        .where(reported(span))
        .groupBy(e.categoryCode, monthOf)
        .all() as Promise<CategoryMonth[]>,
      db.select({ key: e.source, count: n }).from(e).where(reported(thisMonth)).groupBy(e.source).all(),
      db.select({ key: areaOf, count: n }).from(e).where(reported(thisMonth)).groupBy(areaOf).all(),
      db.select({ key: e.day, count: n }).from(e).where(reported(thisMonth)).groupBy(e.day).all(),
      // A grid lies in one county: the city's ten busiest grids are among the shards' ten busiest.
      db
        .select({ key: e.gridCode, count: n })
        .from(e)
        .where(reported(thisMonth, isNotNull(e.gridCode)))
        .groupBy(e.gridCode)
        .orderBy(desc(n), asc(e.gridCode))
        .limit(TOP)
        .all() as Promise<Count[]>,
      // A city department's overdue steps may lie in every county: all of them, summed before the cut.
      db
        .select({ key: e.responsibleUnit, count: n })
        .from(e)
        .where(where("case.overdue", thisMonth, like(e.responsibleUnit, "dept-%")))
        .groupBy(e.responsibleUnit)
        .all() as Promise<Count[]>,
      db
        .select({ category: e.categoryCode, area: areaOf, month: monthOf, count: n })
        .from(e)
        .where(reported(span))
        .groupBy(e.categoryCode, areaOf, monthOf)
        .all() as Promise<MonthCount[]>,
      collectionCounts(db, divisionCode, thisMonth),
    ]);
  return { byMonth, byCategoryMonth, bySource, byArea, daily, topGrids, overdueDepartments, areaCategory, collection };
}

/**
 * What a 月分析 counts, from the stored events of the shards under the division: new cases (their case.reported
 * event) of a jurisdiction by month, category, area, source, day and grid, and its departments' overdue events,
 * each shard's in parallel and summed; its 三率 and standard indicators (indicator facts).
 */
export async function monthlyCounts(
  shards: readonly Shard[],
  divisionCode: string,
  month: string,
  area: ReportArea,
): Promise<ReportCounts> {
  const { thisMonth } = reportWindow(month);
  const [each, disputes, indicators] = await Promise.all([
    eachShard(shards, (db) => countsOn(db, divisionCode, month, area)),
    monthlyDisputes(shards, divisionCode, thisMonth, area),
    monthlyIndicators(shards, divisionCode, thisMonth),
  ]);
  const all = <K extends keyof (typeof each)[number]>(key: K) => each.map((c) => c[key]);
  return {
    byMonth: mergeBy(all("byMonth").flat(), (r) => r.key, addCount),
    byCategoryMonth: mergeBy(all("byCategoryMonth").flat(), (r) => `${r.category}|${r.month}`, addCount),
    bySource: sumCounts(all("bySource")),
    byArea: sumCounts(all("byArea")),
    daily: mergeBy(all("daily").flat(), (r) => r.key, addCount).map(({ key, count }) => ({ day: key, count })),
    topGrids: sumCounts(all("topGrids"), TOP),
    topOverdueDepartments: sumCounts(all("overdueDepartments"), TOP),
    areaCategory: mergeBy(all("areaCategory").flat(), (r) => `${r.category}|${r.area}|${r.month}`, addCount),
    collection: all("collection").reduce(addFigures, { visits: 0, collectionApproved: 0 }),
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
