// Walking through working time: only the schedule's periods on working days count.
import type { DaySource } from "./day-source";
import { localDay, localMinuteMs } from "./shanghai";

/** The first working day strictly after `day`. */
export function nextWorkingLocalDay(source: DaySource, day: number): number {
  let next = day + 1;
  while (!source.isWorkingLocalDay(next)) next += 1;
  return next;
}

/**
 * The instant reached after consuming `amountMs` of working time from `fromMs`.
 * Time outside working periods is skipped; when the amount runs out exactly at the end of a period the
 * result is that period's end (e.g. 12:00 or 17:30), never the start of the next one.
 * An amount of 0 returns `fromMs` unchanged.
 */
export function advanceWorkingMs(source: DaySource, fromMs: number, amountMs: number): number {
  if (amountMs <= 0) return fromMs;
  const { periods } = source.compiledSchedule;
  let remaining = amountMs;
  let cursor = fromMs;
  for (let day = localDay(fromMs); ; day += 1) {
    if (!source.isWorkingLocalDay(day)) continue;
    for (const period of periods) {
      const end = localMinuteMs(day, period.endMinute);
      if (end <= cursor) continue;
      const from = Math.max(localMinuteMs(day, period.startMinute), cursor);
      const available = end - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
      cursor = end;
    }
  }
}

/** Working milliseconds in [aMs, bMs]; negative when bMs is before aMs. */
export function workingMsBetween(source: DaySource, aMs: number, bMs: number): number {
  if (aMs === bMs) return 0;
  if (bMs < aMs) return -workingMsBetween(source, bMs, aMs);
  const { periods } = source.compiledSchedule;
  let total = 0;
  const lastDay = localDay(bMs);
  for (let day = localDay(aMs); day <= lastDay; day += 1) {
    if (!source.isWorkingLocalDay(day)) continue;
    for (const period of periods) {
      const from = Math.max(localMinuteMs(day, period.startMinute), aMs);
      const to = Math.min(localMinuteMs(day, period.endMinute), bMs);
      if (to > from) total += to - from;
    }
  }
  return total;
}
