import {
  divisionPrefix,
  type IndicatorLevel,
  type IndicatorValues,
  type MonthlyIndicators,
} from "@civicgrid/contracts";
import { reaches } from "@civicgrid/http";
import { and, between, count, countDistinct, like, or, sql, sum, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { measuresOf, type Measure } from "../domain/indicators";
import { maxCode, mergeBy } from "../domain/merge";
import { indicatorRows, totalOf, type MeasureSums } from "../domain/indicator-values";
import type { Db } from "./db";
import { caseEvents, indicatorFacts as f } from "./schema";
import { eachShard, factsUnder, type FactsBindings, type Shard } from "./shards";

/** D1 binds at most 100 parameters to a statement: 9 columns a row, 11 rows an insert. */
const ROWS_PER_INSERT = 11;
/** Cases rebuilt per batch (their events are read in one query, their rows written in one transaction). */
const CASES_PER_BATCH = 200;

const inJson = (column: SQLiteColumn, ids: string) => sql`${column} IN (SELECT value FROM json_each(${ids}))`;

/**
 * Rebuilds the indicator facts of some cases from all of their stored events (measuresOf), replacing their rows in
 * one batch (a transaction) per CASES_PER_BATCH cases: the same events always give the same rows.
 */
export async function rebuildIndicatorFacts(db: Db, caseIds: readonly string[]): Promise<number> {
  const unique = [...new Set(caseIds)];
  let written = 0;
  for (let i = 0; i < unique.length; i += CASES_PER_BATCH) {
    const ids = JSON.stringify(unique.slice(i, i + CASES_PER_BATCH));
    const events = await db.select().from(caseEvents).where(inJson(caseEvents.caseId, ids)).all();
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    const rows: Measure[] = [...byCase.values()].flatMap(measuresOf);
    const inserts = [];
    for (let r = 0; r < rows.length; r += ROWS_PER_INSERT) {
      inserts.push(db.insert(f).values(rows.slice(r, r + ROWS_PER_INSERT)));
    }
    await db.batch([db.delete(f).where(inJson(f.caseId, ids)), ...inserts]);
    written += rows.length;
  }
  return written;
}

/** The cases with an event in a span under a county prefix ('' for all): those a recompute of the span rebuilds. */
export async function casesWithEventsIn(db: Db, range: { from: string; to: string }, countyPrefix: string) {
  const rows = await db
    .selectDistinct({ caseId: caseEvents.caseId })
    .from(caseEvents)
    .where(and(between(caseEvents.day, range.from, range.to), like(caseEvents.countyCode, `${countyPrefix}%`)))
    .all();
  return rows.map((r) => r.caseId);
}

const SUBJECT: Record<IndicatorLevel, SQLiteColumn> = {
  department: f.departmentId,
  grid: f.gridCode,
  township: f.townshipCode,
  county: f.countyCode,
};
/** The area a fact lies in, for jurisdiction prefixes: its grid, else its township, else its county. */
export const factArea = sql`COALESCE(${f.gridCode}, ${f.townshipCode}, ${f.countyCode})`;

/** Who may read which facts: every fact, those in an area (a division prefix), or one department's. */
export type IndicatorScope = { all: true } | { prefix: string } | { departmentId: string };

const scopeWhere = (s: IndicatorScope): SQL | undefined =>
  "all" in s ? undefined : "prefix" in s ? like(factArea, `${s.prefix}%`) : sql`${f.departmentId} = ${s.departmentId}`;

/**
 * Each subject's measure sums over a span: the facts the scopes cover (none: nothing), narrowed to an area prefix
 * and, when given, to some subjects.
 */
export async function measureSums(
  db: Db,
  level: IndicatorLevel,
  range: { from: string; to: string },
  scopes: readonly IndicatorScope[],
  narrow: { areaPrefix?: string; subjects?: readonly string[] } = {},
): Promise<MeasureSums[]> {
  if (scopes.length === 0 || narrow.subjects?.length === 0) return [];
  const subject = SUBJECT[level];
  const wide = scopes.some((s) => "all" in s) ? undefined : or(...scopes.map(scopeWhere));
  return db
    .select({
      subjectId: sql<string>`${subject}`,
      countyCode: sql<string>`MAX(${f.countyCode})`,
      measure: f.measure,
      hits: sql<number>`${sum(f.hit)}`.mapWith(Number),
      measured: count(),
      cases: countDistinct(f.caseId),
    })
    .from(f)
    .where(
      and(
        between(f.day, range.from, range.to),
        sql`${subject} IS NOT NULL`,
        wide,
        narrow.areaPrefix === undefined ? undefined : like(factArea, `${narrow.areaPrefix}%`),
        narrow.subjects ? inJson(subject, JSON.stringify(narrow.subjects)) : undefined,
      ),
    )
    .groupBy(subject, f.measure)
    .all();
}

/**
 * measureSums on several shards, folded per subject and measure: hits, measured and distinct cases add up (a case
 * lies in one county, so in one shard; a department's cases may lie in several).
 */
export async function measureSumsOver(
  shards: readonly Shard[],
  ...query: Parameters<typeof measureSums> extends [Db, ...infer Rest] ? Rest : never
): Promise<MeasureSums[]> {
  const lists = await eachShard(shards, (db) => measureSums(db, ...query));
  return mergeBy(
    lists.flat(),
    (r) => `${r.subjectId}\n${r.measure}`,
    (a, b) => ({
      ...a,
      countyCode: maxCode(a.countyCode, b.countyCode),
      hits: a.hits + b.hits,
      measured: a.measured + b.measured,
      cases: a.cases + b.cases,
    }),
  );
}

/** The shards a reader's indicator scopes reach, within an area prefix when given (a department's: all). */
export function indicatorShards(env: FactsBindings, scopes: readonly IndicatorScope[], areaPrefix?: string) {
  const prefixes = scopes.some((s) => !("prefix" in s)) ? null : scopes.map((s) => ("prefix" in s ? s.prefix : ""));
  return factsUnder(env, areaPrefix ?? "").filter((s) => !prefixes || prefixes.some((p) => reaches(s.countyCode, p)));
}

/** The monthly report's block: a division's figures over a span (its counties' sums) and its departments'. */
export async function monthlyIndicators(
  shards: readonly Shard[],
  divisionCode: string,
  range: { from: string; to: string },
): Promise<MonthlyIndicators> {
  const narrow = { areaPrefix: divisionPrefix(divisionCode) };
  const all = [{ all: true as const }];
  const [counties, departments] = await Promise.all([
    measureSumsOver(shards, "county", range, all, narrow),
    measureSumsOver(shards, "department", range, all, narrow),
  ]);
  return { total: totalOf(counties), byDepartment: indicatorRows("department", departments) };
}

/** Some subjects' figures over a span (the rankings' block: the page was scoped, so these subjects are readable). */
export async function indicatorsOf(
  shards: readonly Shard[],
  level: IndicatorLevel,
  range: { from: string; to: string },
  subjects: readonly string[],
): Promise<Map<string, IndicatorValues>> {
  const rows = indicatorRows(level, await measureSumsOver(shards, level, range, [{ all: true }], { subjects }));
  return new Map(rows.map((r) => [r.subjectId, r.indicators]));
}
