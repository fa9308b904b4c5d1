/**
 * Calendar months in Asia/Shanghai (a fixed UTC+08:00 since 1991), as the monthly analysis counts them: a case
 * belongs to the month of its local reporting day.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The month ("YYYY-MM") holding an instant, in Shanghai time. */
export function monthOf(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7);
}

/** The month before the one holding the instant: the month the analysis on the 1st looks back at. */
export function previousMonth(ms: number): string {
  const [y, m] = monthOf(ms).split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The instants [start, end) of a month, as ISO strings comparable with the read model's `created_at`. */
export function monthRange(month: string): { start: string; end: string; endMs: number } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const startMs = Date.UTC(y, m - 1, 1) - OFFSET_MS;
  const endMs = Date.UTC(y, m, 1) - OFFSET_MS;
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), endMs };
}

/** The local day of the month (1–31) of an instant. */
export function dayOfMonth(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCDate();
}
