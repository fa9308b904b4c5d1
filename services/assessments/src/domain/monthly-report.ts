import { divisionLevel, type MonthlyDisputes, type MonthlyIndicators, type MonthlyReport } from "@civicgrid/contracts";
import { daysIn, monthsBefore, periodRange } from "./periods";

/** A category is an early-warning signal in an area when this month has at least this many cases ... */
export const WARNING_MIN_CASES = 5;
/** ... and more than this multiple of its average over the three months before. */
export const WARNING_RATIO = 2;

/** The level a report breaks a division down into: county → townships, township → villages, city → counties. */
export type ReportArea = "county" | "township" | "village";

export function reportArea(divisionCode: string): ReportArea {
  switch (divisionLevel(divisionCode)) {
    case "province":
    case "city":
      return "county";
    case "county":
      return "township";
    default:
      return "village";
  }
}

/** The days a report counts: the month itself, and the span from three months before to its end. */
export function reportWindow(month: string) {
  const thisMonth = periodRange(month);
  return { thisMonth, span: { from: periodRange(monthsBefore(month, 3)).from, to: thisMonth.to } };
}

export interface Count {
  key: string;
  count: number;
}
export interface CategoryMonth {
  category: string;
  month: string;
  count: number;
}
export interface MonthCount extends CategoryMonth {
  area: string;
}

/** New cases (counted by their case.reported event) and overdue events of a jurisdiction, as the store counts them. */
export interface ReportCounts {
  /** Over the window's span, by month. */
  byMonth: Count[];
  /** Over the span, by category and month, and by category, area and month. */
  byCategoryMonth: CategoryMonth[];
  areaCategory: MonthCount[];
  /** This month only. */
  bySource: Count[];
  byArea: Count[];
  daily: { day: string; count: number }[];
  topGrids: Count[];
  topOverdueDepartments: Count[];
  /** This month's base-data work: visits recorded and collection verified. */
  collection?: { visits: number; collectionApproved: number };
  /** This month's dispute figures: the division's, its areas', its mediators'. */
  disputes?: MonthlyDisputes;
  /** This month's 三率 and standard indicators: the division's and its departments'. */
  indicators?: MonthlyIndicators;
}

/**
 * 月分析 of a jurisdiction: new cases by category, area and source, the daily curve and the three months
 * before, the grids with most cases, the departments with most overdue events, and early-warning signals
 * (see WARNING_MIN_CASES and WARNING_RATIO).
 */
export function buildMonthlyReport(divisionCode: string, month: string, counts: ReportCounts): MonthlyReport {
  const previousMonth = monthsBefore(month, 1);
  const categories = new Map<string, { count: number; previous: number }>();
  for (const r of counts.byCategoryMonth) {
    const entry = categories.get(r.category) ?? { count: 0, previous: 0 };
    if (r.month === month) entry.count += r.count;
    if (r.month === previousMonth) entry.previous += r.count;
    categories.set(r.category, entry);
  }
  const perDay = new Map(counts.daily.map((d) => [d.day, d.count]));
  const trailing = [3, 2, 1].map((n) => monthsBefore(month, n));
  const monthTotal = (m: string) => counts.byMonth.find((x) => x.key === m)?.count ?? 0;
  return {
    divisionCode,
    month,
    totalCases: monthTotal(month),
    previousMonths: trailing.map((m) => ({ month: m, count: monthTotal(m) })),
    byCategory: [...categories]
      .filter(([, v]) => v.count > 0 || v.previous > 0)
      .map(([key, v]) => ({ key, ...v }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    byArea: counts.byArea,
    bySource: counts.bySource,
    daily: daysIn(reportWindow(month).thisMonth).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
    topGrids: counts.topGrids,
    topOverdueDepartments: counts.topOverdueDepartments,
    earlyWarnings: earlyWarnings(counts.areaCategory, month, trailing),
    ...(counts.collection ? { collection: counts.collection } : {}),
    ...(counts.disputes ? { disputes: counts.disputes } : {}),
    ...(counts.indicators ? { indicators: counts.indicators } : {}),
  };
}

export function earlyWarnings(rows: MonthCount[], month: string, trailing: string[]): MonthlyReport["earlyWarnings"] {
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
    const ratio = Math.round((now / Math.max(average, 1)) * 100) / 100;
    out.push({ categoryCode, areaCode, count: now, trailingAverage: Math.round(average * 100) / 100, ratio });
  }
  return out.sort((a, b) => b.ratio - a.ratio || a.categoryCode.localeCompare(b.categoryCode));
}
