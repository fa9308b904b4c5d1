export { WorkingCalendar } from "./calendar";
export type { DayInfo, DayKind, WorkingCalendarOptions } from "./calendar";
export {
  CN_CALENDAR_DATA,
  cnCalendar,
  isWorkingDay,
  dayInfo,
  addWorkingDays,
  addWorkingHours,
  addCalendarMinutes,
  deadline,
  warningAt,
  workingMinutesBetween,
} from "./default-calendar";
export { CalendarDataError, CalendarRangeError } from "./errors";
export { calendarDaySchema, calendarYearSchema, parseCalendarYear } from "./schema";
export type { CalendarDay, CalendarYear } from "./schema";
export { DEFAULT_SCHEDULE, workingPeriodSchema, workingScheduleSchema } from "./schedule";
export type { WorkingPeriod, WorkingSchedule } from "./schedule";
export { deadlineLimitSchema, limitUnitSchema } from "./limits";
export type { DeadlineLimit, LimitUnit } from "./limits";
export { SHANGHAI_OFFSET_MS, shanghaiDateKey } from "./shanghai";
