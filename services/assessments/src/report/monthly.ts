import { divisionLevel, divisionPrefix, type MonthlyReport } from "@civicgrid/contracts";
import { daysIn, monthsBefore, periodRange } from "../periods";

/** A category is an early-warning signal in an area when this month has at least this many cases ... */
export const WARNING_MIN_CASES = 5;
/** ... and more than this multiple of its average over the three months before. */
export const WARNING_RATIO = 2;

/** The area a report breaks a division down into: county → townships, township → villages, city → counties. */
function areaColumn(divisionCode: string): string {
  switch (divisionLevel(divisionCode)) {
    case "province":
    case "city":
      return "county_code";
    case "county":
      return "township_code";
    default:
      return "village_code";
  }
}

type Count = { key: string; count: number };

/**
 * 月分析 of a jurisdiction: new cases (counted by their case.reported event) by category, area and
 * source, the daily curve and the three months before, the grids with most cases, the departments
 * with most overdue events, and early-warning signals (see WARNING_MIN_CASES and WARNING_RATIO).
 */
export async function monthlyReport(db: D1Database, divisionCode: string, month: string): Promise<MonthlyReport> {
  const like = `${divisionPrefix(divisionCode)}%`;
  const area = areaColumn(divisionCode);
  const first = monthsBefore(month, 3);
  const range = { from: periodRange(first).from, to: periodRange(month).to };
  const reported = `FROM case_events WHERE type = 'case.reported' AND COALESCE(village_code, township_code, county_code) LIKE ?1 AND day BETWEEN ?2 AND ?3`;
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).bind(like, ...params).all<T>().then((r) => r.results);
  const thisMonth = periodRange(month);

  const [byMonth, byCategoryMonth, bySource, byArea, daily, topGrids, overdue, areaCategory] = await Promise.all([
    all<Count>(`SELECT substr(day, 1, 7) AS key, COUNT(*) AS count ${reported} GROUP BY key`, range.from, range.to),
    all<{ key: string; month: string; count: number }>(`SELECT category_code AS key, substr(day, 1, 7) AS month, COUNT(*) AS count ${reported} GROUP BY key, month`, range.from, range.to),
    all<Count>(`SELECT source AS key, COUNT(*) AS count ${reported} GROUP BY key ORDER BY count DESC, key`, thisMonth.from, thisMonth.to),
    all<Count>(`SELECT COALESCE(${area}, 'unknown') AS key, COUNT(*) AS count ${reported} GROUP BY key ORDER BY count DESC, key`, thisMonth.from, thisMonth.to),
    all<{ day: string; count: number }>(`SELECT day, COUNT(*) AS count ${reported} GROUP BY day`, thisMonth.from, thisMonth.to),
    all<Count>(`SELECT grid_code AS key, COUNT(*) AS count ${reported} AND grid_code IS NOT NULL GROUP BY key ORDER BY count DESC, key LIMIT 10`, thisMonth.from, thisMonth.to),
    all<Count>(
      `SELECT responsible_unit AS key, COUNT(*) AS count FROM case_events WHERE type = 'case.overdue' AND COALESCE(village_code, township_code, county_code) LIKE ?1
         AND day BETWEEN ?2 AND ?3 AND responsible_unit LIKE 'dept-%' GROUP BY key ORDER BY count DESC, key LIMIT 10`,
      thisMonth.from,
      thisMonth.to,
    ),
    all<{ category: string; area: string; month: string; count: number }>(
      `SELECT category_code AS category, COALESCE(${area}, 'unknown') AS area, substr(day, 1, 7) AS month, COUNT(*) AS count ${reported} GROUP BY category, area, month`,
      range.from,
      range.to,
    ),
  ]);

  const previousMonth = monthsBefore(month, 1);
  const categories = new Map<string, { count: number; previous: number }>();
  for (const r of byCategoryMonth) {
    const entry = categories.get(r.key) ?? { count: 0, previous: 0 };
    if (r.month === month) entry.count += r.count;
    if (r.month === previousMonth) entry.previous += r.count;
    categories.set(r.key, entry);
  }
  const perDay = new Map(daily.map((d) => [d.day, d.count]));
  const trailing = [3, 2, 1].map((n) => monthsBefore(month, n));

  return {
    divisionCode,
    month,
    totalCases: byMonth.find((m) => m.key === month)?.count ?? 0,
    previousMonths: trailing.map((m) => ({ month: m, count: byMonth.find((x) => x.key === m)?.count ?? 0 })),
    byCategory: [...categories]
      .filter(([, v]) => v.count > 0 || v.previous > 0)
      .map(([key, v]) => ({ key, ...v }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    byArea,
    bySource,
    daily: daysIn(thisMonth).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
    topGrids,
    topOverdueDepartments: overdue,
    earlyWarnings: earlyWarnings(areaCategory, month, trailing),
  };
}

export function earlyWarnings(rows: { category: string; area: string; month: string; count: number }[], month: string, trailing: string[]): MonthlyReport["earlyWarnings"] {
  const cells = new Map<string, { now: number; before: number }>();
  for (const r of rows) {
    const key = `${r.category}|${r.area}`;
    const cell = cells.get(key) ?? { now: 0, before: 0 };
    if (r.month === month) cell.now += r.count;
    else if (trailing.includes(r.month)) cell.before += r.count;
    cells.set(key, cell);
  }
  const out: MonthlyReport["earlyWarnings"] = [];
  for (const [key, { now, before }] of cells) {
    const average = before / trailing.length;
    if (now < WARNING_MIN_CASES || now <= WARNING_RATIO * average) continue;
    const [categoryCode = "", areaCode = ""] = key.split("|");
    // With no history the ratio is reported against one case a month, so it stays finite and comparable.
    out.push({ categoryCode, areaCode, count: now, trailingAverage: Math.round(average * 100) / 100, ratio: Math.round((now / Math.max(average, 1)) * 100) / 100 });
  }
  return out.sort((a, b) => b.ratio - a.ratio || a.categoryCode.localeCompare(b.categoryCode));
}
