// Time in Asia/Shanghai without Intl or tz data.
//
// Asia/Shanghai (China Standard Time) has been a fixed UTC+08:00 with no daylight saving time since 1991,
// so every local date and wall-clock time here is plain arithmetic on a +8 h offset. This keeps the package
// identical in Node and in Cloudflare workerd and independent of the host's time zone settings.

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch of a valid Date; throws on an Invalid Date. */
export function instantMs(date: Date): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError("calendar: expected a valid Date");
  return ms;
}

/** Shanghai local day number: whole days since 1970-01-01 (local), for the day containing the instant. */
export function localDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of local midnight (00:00 +08:00) that starts the given local day. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The instant at `minuteOfDay` local wall-clock minutes into the given local day. */
export function localMinuteMs(day: number, minuteOfDay: number): number {
  return dayStartMs(day) + minuteOfDay * MINUTE_MS;
}

/** "YYYY-MM-DD" of a local day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Gregorian year of a local day number. */
export function dayYear(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Day of week of a local day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const dow = dayOfWeek(day);
  return dow === 0 || dow === 6;
}

/** Local day number of a "YYYY-MM-DD" key, or undefined when it is not a real calendar date. */
export function parseDayKey(key: string): number | undefined {
  const m = DATE_KEY.exec(key);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return Math.floor(ms / DAY_MS);
}

/** Local day number of a Date (its Shanghai calendar day) or of a "YYYY-MM-DD" key. */
export function toLocalDay(date: Date | string): number {
  if (typeof date === "string") {
    const day = parseDayKey(date);
    if (day === undefined) throw new TypeError(`calendar: "${date}" is not a YYYY-MM-DD calendar date`);
    return day;
  }
  return localDay(instantMs(date));
}

/** The Shanghai calendar date ("YYYY-MM-DD") of an instant. */
export function shanghaiDateKey(date: Date): string {
  return dayKey(localDay(instantMs(date)));
}
