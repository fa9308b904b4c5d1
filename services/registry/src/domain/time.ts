/** China keeps one offset all year (no DST), so a Shanghai calendar date is UTC+8's date. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Today's date in Asia/Shanghai, YYYY-MM-DD: the date grids and lists are "in force" on. */
export function shanghaiToday(now: number = Date.now()): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** The latest of some YYYY-MM-DD dates (empty strings and nulls ignored): "not before any of these". */
export function latestDate(...dates: (string | null | undefined)[]): string {
  return (
    dates
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? ""
  );
}
