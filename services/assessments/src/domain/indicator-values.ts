import { IndicatorKey, type IndicatorLevel, type IndicatorRow, type IndicatorValues } from "@civicgrid/contracts";
import { parsePeriod } from "./periods";

/** The counts of one measure of one subject over a period, as the store sums them. */
export interface MeasureSums {
  subjectId: string;
  countyCode: string;
  measure: string;
  hits: number;
  measured: number;
  cases: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The figures of one subject from its measure sums: a rate is hits / measured in percent (null when nothing was
 * measured: an honest blank, not a perfect score); 督办件 counts distinct cases.
 */
export function valuesOf(
  sums: readonly Pick<MeasureSums, "measure" | "hits" | "measured" | "cases">[],
): IndicatorValues {
  const of = new Map(sums.map((s) => [s.measure, s]));
  const entries = IndicatorKey.options.map((key) => {
    const s = of.get(key);
    if (key === "supervised") return [key, { numerator: s?.cases ?? 0, denominator: null, value: s?.cases ?? 0 }];
    const hits = s?.hits ?? 0;
    const measured = s?.measured ?? 0;
    return [
      key,
      { numerator: hits, denominator: measured, value: measured > 0 ? round2((hits / measured) * 100) : null },
    ];
  });
  return Object.fromEntries(entries) as IndicatorValues;
}

/** Rows per subject, by county then subject, from the store's sums of one level. */
export function indicatorRows(level: IndicatorLevel, sums: readonly MeasureSums[]): IndicatorRow[] {
  const bySubject = new Map<string, MeasureSums[]>();
  for (const s of sums) bySubject.set(s.subjectId, [...(bySubject.get(s.subjectId) ?? []), s]);
  return [...bySubject]
    .map(([subjectId, rows]) => ({ level, subjectId, countyCode: rows[0]!.countyCode, indicators: valuesOf(rows) }))
    .sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.subjectId.localeCompare(b.subjectId));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) =>
  DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
/** A custom range spans at most this many days (a little over a year: a year-on-year comparison). */
export const MAX_RANGE_DAYS = 400;

/** The days (inclusive) of an indicator period: month, quarter, year or custom range; a refusal as a value. */
export function indicatorRange(period: string): { from: string; to: string } | { refused: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const [, year, q] = quarter;
    const first = (Number(q) - 1) * 3 + 1;
    const from = parsePeriod(`${year}-${String(first).padStart(2, "0")}`);
    const to = parsePeriod(`${year}-${String(first + 2).padStart(2, "0")}`);
    if ("refused" in from || "refused" in to) return { refused: "no such quarter" };
    return { from: from.from, to: to.to };
  }
  const range = /^(.+)\.\.(.+)$/.exec(period);
  if (range) {
    const [, from = "", to = ""] = range;
    if (!isDay(from) || !isDay(to)) return { refused: "a range of two calendar dates" };
    if (from > to) return { refused: "the range ends before it starts" };
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_RANGE_DAYS) {
      return { refused: `a range spans at most ${MAX_RANGE_DAYS} days` };
    }
    return { from, to };
  }
  const parsed = parsePeriod(period);
  if ("refused" in parsed) return parsed;
  if (parsed.kind !== "month" && parsed.kind !== "year") return { refused: "a month, quarter, year or range" };
  return { from: parsed.from, to: parsed.to };
}

/** One area's figures from its subjects' sums (each case lies in one county, so distinct cases add up). */
export function totalOf(sums: readonly MeasureSums[]): IndicatorValues {
  const merged = new Map<string, Pick<MeasureSums, "measure" | "hits" | "measured" | "cases">>();
  for (const s of sums) {
    const m = merged.get(s.measure) ?? { measure: s.measure, hits: 0, measured: 0, cases: 0 };
    merged.set(s.measure, { ...m, hits: m.hits + s.hits, measured: m.measured + s.measured, cases: m.cases + s.cases });
  }
  return valuesOf([...merged.values()]);
}
