import { CalendarRangeError, isWorkingDay, shanghaiDateKey } from "@civicgrid/calendar";

/**
 * Periods are Asia/Shanghai calendar spans named like 2026-11-23 (day), 2026-W47 (ISO week), 2026-11 (month),
 * 2026 (year).
 */
export type PeriodKind = "day" | "week" | "month" | "year";
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const utcDay = (key: string) => Date.parse(`${key}T00:00:00Z`);
const keyOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const dayOf = (instant: Date | string) =>
  shanghaiDateKey(typeof instant === "string" ? new Date(instant) : instant);

export function addDays(day: string, n: number): string {
  return keyOf(utcDay(day) + n * DAY_MS);
}

function kindOf(period: string): PeriodKind | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return "day";
  if (/^\d{4}-W\d{2}$/.test(period)) return "week";
  if (/^\d{4}-\d{2}$/.test(period)) return "month";
  if (/^\d{4}$/.test(period)) return "year";
  return null;
}

/** Monday of ISO week 1: the week with the year's first Thursday. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * DAY_MS;
}

/** A period's kind and first and last day (inclusive), or why the name is no period (a refusal, as a value). */
export function parsePeriod(period: string): Period | { refused: string } {
  const kind = kindOf(period);
  if (!kind) return { refused: "not a day, ISO week, month or year" };
  const year = Number(period.slice(0, 4));
  if (kind === "day") {
    if (Number.isNaN(utcDay(period)) || keyOf(utcDay(period)) !== period) return { refused: "not a calendar date" };
    return { kind, from: period, to: period };
  }
  if (kind === "week") {
    const week = Number(period.slice(6));
    const start = isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS;
    if (week < 1 || week > 53 || isoWeekOf(keyOf(start)) !== period) return { refused: "no such ISO week" };
    return { kind, from: keyOf(start), to: keyOf(start + 6 * DAY_MS) };
  }
  if (kind === "month") {
    const month = Number(period.slice(5));
    if (month < 1 || month > 12) return { refused: "no such month" };
    return { kind, from: keyOf(Date.UTC(year, month - 1, 1)), to: keyOf(Date.UTC(year, month, 0)) };
  }
  return { kind, from: `${period}-01-01`, to: `${period}-12-31` };
}

/** A period already known to be valid (the cron's, a checked request's): its kind and span; throws otherwise. */
export function periodOf(period: string): Period {
  const parsed = parsePeriod(period);
  if ("refused" in parsed) throw new RangeError(`period ${period}: ${parsed.refused}`);
  return parsed;
}

/** First and last day (inclusive) of a valid period. */
export function periodRange(period: string): { from: string; to: string } {
  const { from, to } = periodOf(period);
  return { from, to };
}

export function isoWeekOf(day: string): string {
  const ms = utcDay(day);
  const thursday = ms + (3 - ((new Date(ms).getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export const monthOf = (day: string) => day.slice(0, 7);

export function daysIn(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Working days of a span by the national calendar; outside its data (before 2026) Monday–Friday. */
export function workingDays(range: { from: string; to: string }): number {
  return daysIn(range).filter((d) => {
    try {
      return isWorkingDay(d);
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      const dow = new Date(utcDay(d)).getUTCDay();
      return dow !== 0 && dow !== 6;
    }
  }).length;
}

/** The month before `month` (YYYY-MM), `n` months back. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}
