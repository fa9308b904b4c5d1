// "Within n working days" (n个工作日内) deadlines.
//
// Rule, following the Civil Code's rule on periods (民法典 第二百零一条、第二百零三条): the day the
// case is received is not counted; counting starts with the next working day, and the period ends at the
// close of business (end of the last working period, 17:30 by default) of the n-th working day.
//   - received on a working day at 10:00, 3 working days -> 17:30 on the 3rd working day after that day;
//   - received on a weekend or holiday -> the first working day after it is day 1;
//   - the time of day does not matter: a case received at 07:00 or 20:00 counts the same as one at 10:00.
// n = 0 means "the same working day": the close of the working day on which working time next runs
// (the start day if it is a working day and its close has not passed, otherwise the next working day).
import type { DaySource } from "./day-source";
import { localDay, localMinuteMs } from "./shanghai";
import { nextWorkingLocalDay } from "./working-time";

export function addWorkingDaysMs(source: DaySource, startMs: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`calendar: working days must be a whole number >= 0, got ${n}`);
  }
  const { closeMinute } = source.compiledSchedule;
  const startDay = localDay(startMs);
  if (n === 0) {
    const sameDay = source.isWorkingLocalDay(startDay) && startMs < localMinuteMs(startDay, closeMinute);
    const day = sameDay ? startDay : nextWorkingLocalDay(source, startDay);
    return localMinuteMs(day, closeMinute);
  }
  let day = startDay;
  for (let counted = 0; counted < n; counted += 1) day = nextWorkingLocalDay(source, day);
  return localMinuteMs(day, closeMinute);
}
