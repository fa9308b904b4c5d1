import type { CompiledSchedule } from "./schedule";

/** What the date arithmetic needs from a calendar: which local days are worked, and the daily hours. */
export interface DaySource {
  /** Whether a Shanghai local day number is a working day; throws CalendarRangeError outside loaded years. */
  isWorkingLocalDay(day: number): boolean;
  readonly compiledSchedule: CompiledSchedule;
}
