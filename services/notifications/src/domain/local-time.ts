/**
 * Asia/Shanghai wall-clock arithmetic. China keeps UTC+8 all year (no daylight saving), so a fixed
 * offset is exact and avoids Intl in the hot path.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** Minutes since local midnight of an instant. */
export function localMinutes(at: Date): number {
  return Math.floor(((at.getTime() + OFFSET_MS) % DAY_MS) / 60_000);
}

/** True when `at` falls in [start, end) local time; a window may cross midnight (22:00–07:00). */
export function inQuietHours(at: Date, start: string, end: string): boolean {
  const now = localMinutes(at);
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s < e ? now >= s && now < e : now >= s || now < e;
}

/** The next instant strictly after `at` whose local time is `hhmm`. */
export function nextLocal(at: Date, hhmm: string): Date {
  const localMidnight = Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
  let candidate = localMidnight + minutesOf(hhmm) * 60_000;
  if (candidate <= at.getTime()) candidate += DAY_MS;
  return new Date(candidate);
}

/** `2026-03-15 17:30` in local time, for message text. */
export function formatLocal(iso: string): string {
  const local = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
