// A working-day calendar built from any number of validated year files plus a daily schedule.
import type { DaySource } from "./day-source";
import { CalendarDataError, CalendarRangeError } from "./errors";
import { parseCalendarYear, type CalendarYear } from "./schema";
import { compileSchedule, DEFAULT_SCHEDULE, type CompiledSchedule, type WorkingSchedule } from "./schedule";
import { dayKey, dayYear, instantMs, isWeekend, MINUTE_MS, toLocalDay } from "./shanghai";
import { addWorkingDaysMs } from "./working-days";
import { workingMsBetween } from "./working-time";
import {
  addCalendarMinutesMs,
  addWorkingHoursMs,
  deadlineMs,
  warningAtMs,
  type DeadlineLimit,
  type LimitUnit,
} from "./limits";

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

export interface DayInfo {
  /** Shanghai calendar date, YYYY-MM-DD. */
  readonly date: string;
  readonly working: boolean;
  /** workday: ordinary Mon-Fri; weekend: ordinary Sat/Sun; holiday: day off of a public holiday break;
   *  makeup_workday: weekend day worked in exchange (调休上班). */
  readonly kind: DayKind;
  /** Holiday name, or the make-up day's name, when the day is listed in the data. */
  readonly name?: string;
}

export interface WorkingCalendarOptions {
  /** Daily working periods; default DEFAULT_SCHEDULE (08:30-12:00, 14:00-17:30). */
  readonly schedule?: WorkingSchedule;
}

interface SpecialDay {
  readonly working: boolean;
  readonly name: string;
}

export class WorkingCalendar implements DaySource {
  /** Years with loaded data, ascending. Dates in any other year throw CalendarRangeError. */
  readonly years: readonly number[];
  readonly schedule: WorkingSchedule;
  readonly compiledSchedule: CompiledSchedule;
  private readonly yearData: readonly CalendarYear[];
  private readonly special = new Map<number, SpecialDay>();

  /** `years`: year files (e.g. imported JSON), each validated with calendarYearSchema; one file per year. */
  constructor(years: readonly unknown[], options: WorkingCalendarOptions = {}) {
    const parsed = years.map(parseCalendarYear);
    const seen = new Set<number>();
    for (const year of parsed) {
      if (seen.has(year.year)) throw new CalendarDataError("calendar", [`year ${year.year} is loaded twice`]);
      seen.add(year.year);
      for (const h of year.holidays) this.special.set(toLocalDay(h.date), { working: false, name: h.name });
      for (const w of year.workdays) this.special.set(toLocalDay(w.date), { working: true, name: w.name });
    }
    this.yearData = parsed;
    this.years = [...seen].sort((a, b) => a - b);
    this.schedule = options.schedule ?? DEFAULT_SCHEDULE;
    this.compiledSchedule = compileSchedule(this.schedule);
  }

  /** The same holiday data with other working hours. */
  withSchedule(schedule: WorkingSchedule): WorkingCalendar {
    return new WorkingCalendar(this.yearData, { schedule });
  }

  /** The loaded data of one year (for display / 公示), or undefined. */
  yearInfo(year: number): CalendarYear | undefined {
    return this.yearData.find((y) => y.year === year);
  }

  isWorkingLocalDay(day: number): boolean {
    return this.describeLocalDay(day).working;
  }

  private describeLocalDay(day: number): DayInfo {
    const year = dayYear(day);
    if (!this.years.includes(year)) throw new CalendarRangeError(year, this.years);
    const date = dayKey(day);
    const special = this.special.get(day);
    if (special)
      return {
        date,
        working: special.working,
        kind: special.working ? "makeup_workday" : "holiday",
        name: special.name,
      };
    return isWeekend(day) ? { date, working: false, kind: "weekend" } : { date, working: true, kind: "workday" };
  }

  /** Whether the Shanghai calendar day of `date` (a Date, or a "YYYY-MM-DD" key) is a working day. */
  isWorkingDay(date: Date | string): boolean {
    return this.isWorkingLocalDay(toLocalDay(date));
  }

  /** What kind of day the Shanghai calendar day of `date` is. */
  dayInfo(date: Date | string): DayInfo {
    return this.describeLocalDay(toLocalDay(date));
  }

  /** Close of business of the n-th working day after the start day (see working-days.ts for the rule). */
  addWorkingDays(start: Date, n: number): Date {
    return new Date(addWorkingDaysMs(this, instantMs(start), n));
  }

  /** `hours` of working time later, counting only working periods of working days. */
  addWorkingHours(start: Date, hours: number): Date {
    return new Date(addWorkingHoursMs(this, instantMs(start), hours));
  }

  /** `minutes` of plain elapsed time later (nights and holidays included). */
  addCalendarMinutes(start: Date, minutes: number): Date {
    return new Date(addCalendarMinutesMs(instantMs(start), minutes));
  }

  deadline(start: Date, limit: DeadlineLimit): Date {
    return new Date(deadlineMs(this, instantMs(start), limit));
  }

  /**
   * The instant when `share` of the limit has elapsed. `unit` is the limit's unit: for working units the share is
   * of working time (so the warning is within working hours), for "minutes" of plain time.
   */
  warningAt(start: Date, deadline: Date, share = 0.8, unit: LimitUnit = "working_days"): Date {
    return new Date(warningAtMs(this, instantMs(start), instantMs(deadline), share, unit));
  }

  /** Working minutes between a and b (fractional; negative when b is before a). */
  workingMinutesBetween(a: Date, b: Date): number {
    return workingMsBetween(this, instantMs(a), instantMs(b)) / MINUTE_MS;
  }
}
