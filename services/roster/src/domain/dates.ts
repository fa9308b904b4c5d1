import { isWorkingDay, shanghaiDateKey } from "@civicgrid/calendar";

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return shanghaiDateKey(now);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day of a public notice that starts on `start` and runs `workingDays` working days
 * (the start day counts when it is a working day). Duty may start the day after.
 */
export function noticeEndDate(start: string, workingDays: number): string {
  let day = start;
  let counted = isWorkingDay(day) ? 1 : 0;
  while (counted < workingDays) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}
