// Daily working hours (作息时间), as local Asia/Shanghai wall-clock periods.
import { z } from "zod";
import { CalendarDataError } from "./errors";
import { formatIssues } from "./schema";

const clockSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'must be a wall-clock time "HH:MM" (00:00-24:00)' });

export const workingPeriodSchema = z.object({ start: clockSchema, end: clockSchema });

export const workingScheduleSchema = z
  .object({ periods: z.array(workingPeriodSchema).min(1) })
  .superRefine((schedule, ctx) => {
    let previousEnd = -1;
    schedule.periods.forEach((period, i) => {
      const start = clockMinutes(period.start);
      const end = clockMinutes(period.end);
      if (end <= start) ctx.addIssue({ code: "custom", path: ["periods", i], message: "end must be after start" });
      if (start < previousEnd) {
        ctx.addIssue({ code: "custom", path: ["periods", i], message: "periods must be in order and not overlap" });
      }
      previousEnd = end;
    });
  });

export type WorkingPeriod = z.infer<typeof workingPeriodSchema>;
export type WorkingSchedule = z.infer<typeof workingScheduleSchema>;

/** Default office hours: 08:30-12:00 and 14:00-17:30, 7 working hours a day. */
export const DEFAULT_SCHEDULE: WorkingSchedule = Object.freeze({
  periods: Object.freeze([
    Object.freeze({ start: "08:30", end: "12:00" }),
    Object.freeze({ start: "14:00", end: "17:30" }),
  ]) as WorkingPeriod[],
});

/** A validated schedule as minutes after local midnight. */
export interface CompiledSchedule {
  readonly periods: readonly { readonly startMinute: number; readonly endMinute: number }[];
  /** Working minutes in one working day. */
  readonly minutesPerDay: number;
  /** End of the last period: the close of a working day. */
  readonly closeMinute: number;
}

function clockMinutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Validates a schedule (throws CalendarDataError) and converts it to minutes. */
export function compileSchedule(input: unknown): CompiledSchedule {
  const result = workingScheduleSchema.safeParse(input);
  if (!result.success) throw new CalendarDataError("working schedule", formatIssues(result.error));
  const periods = result.data.periods.map((p) => ({
    startMinute: clockMinutes(p.start),
    endMinute: clockMinutes(p.end),
  }));
  const last = periods[periods.length - 1];
  if (last === undefined) throw new CalendarDataError("working schedule", ["periods: at least one period"]);
  return {
    periods,
    minutesPerDay: periods.reduce((sum, p) => sum + p.endMinute - p.startMinute, 0),
    closeMinute: last.endMinute,
  };
}
