// The PRC national calendar shipped with the package, and functions bound to it.
import cn2026 from "./data/cn-2026.json";
import cn2027 from "./data/cn-2027.json";
import { WorkingCalendar, type DayInfo } from "./calendar";
import type { DeadlineLimit, LimitUnit } from "./limits";

/** Raw national year files (State Council schedules), for building a city calendar with extra years. */
export const CN_CALENDAR_DATA: readonly unknown[] = Object.freeze([cn2026, cn2027]);

/** National calendar (2026 official, 2027 provisional) with the default 08:30-12:00 / 14:00-17:30 schedule. */
export const cnCalendar = new WorkingCalendar(CN_CALENDAR_DATA);

export const isWorkingDay = (date: Date | string): boolean => cnCalendar.isWorkingDay(date);
export const dayInfo = (date: Date | string): DayInfo => cnCalendar.dayInfo(date);
export const addWorkingDays = (start: Date, n: number): Date => cnCalendar.addWorkingDays(start, n);
export const addWorkingHours = (start: Date, hours: number): Date => cnCalendar.addWorkingHours(start, hours);
export const addCalendarMinutes = (start: Date, minutes: number): Date => cnCalendar.addCalendarMinutes(start, minutes);
export const deadline = (start: Date, limit: DeadlineLimit): Date => cnCalendar.deadline(start, limit);
export const warningAt = (start: Date, end: Date, share = 0.8, unit: LimitUnit = "working_days"): Date =>
  cnCalendar.warningAt(start, end, share, unit);
export const workingMinutesBetween = (a: Date, b: Date): number => cnCalendar.workingMinutesBetween(a, b);
