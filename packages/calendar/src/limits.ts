// Time limits (办理时限) of any unit, and the early-warning instant (预警) inside them.
import { z } from "zod";
import type { DaySource } from "./day-source";
import { addWorkingDaysMs } from "./working-days";
import { advanceWorkingMs, workingMsBetween } from "./working-time";
import { HOUR_MS, MINUTE_MS } from "./shanghai";

export const limitUnitSchema = z.enum(["working_days", "working_hours", "minutes"]);

export const deadlineLimitSchema = z
  .object({ amount: z.number().finite().nonnegative(), unit: limitUnitSchema })
  .refine((limit) => limit.unit !== "working_days" || Number.isInteger(limit.amount), {
    message: "working_days must be a whole number",
    path: ["amount"],
  });

export type LimitUnit = z.infer<typeof limitUnitSchema>;
export type DeadlineLimit = z.infer<typeof deadlineLimitSchema>;

function checkAmount(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0)
    throw new RangeError(`calendar: ${what} must be a number >= 0, got ${amount}`);
}

/** Plain elapsed time (emergencies, minute-scale limits): no calendar involved. */
export function addCalendarMinutesMs(startMs: number, minutes: number): number {
  checkAmount(minutes, "minutes");
  return startMs + Math.round(minutes * MINUTE_MS);
}

export function addWorkingHoursMs(source: DaySource, startMs: number, hours: number): number {
  checkAmount(hours, "working hours");
  return advanceWorkingMs(source, startMs, Math.round(hours * HOUR_MS));
}

export function deadlineMs(source: DaySource, startMs: number, limit: DeadlineLimit): number {
  switch (limit.unit) {
    case "working_days":
      return addWorkingDaysMs(source, startMs, limit.amount);
    case "working_hours":
      return addWorkingHoursMs(source, startMs, limit.amount);
    case "minutes":
      return addCalendarMinutesMs(startMs, limit.amount);
    default: {
      const unit: never = limit.unit;
      throw new RangeError(`calendar: unknown limit unit ${String(unit)}`);
    }
  }
}

/**
 * The instant when `share` of the time between start and deadline has elapsed.
 * For working units the share is of the working time in between, walked forward through working time, so the
 * warning lands inside working hours of a working day (or at the end of a period); for "minutes" it is plain time.
 */
export function warningAtMs(source: DaySource, startMs: number, endMs: number, share: number, unit: LimitUnit): number {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(`calendar: warning share must be between 0 and 1, got ${share}`);
  }
  if (endMs < startMs) throw new RangeError("calendar: deadline is before start");
  if (unit === "minutes") return startMs + Math.round((endMs - startMs) * share);
  const working = workingMsBetween(source, startMs, endMs);
  return advanceWorkingMs(source, startMs, Math.round(working * share));
}
