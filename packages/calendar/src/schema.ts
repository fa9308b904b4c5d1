// The shape of one year of holiday data (src/data/cn-YYYY.json or a city's own file), validated on load.
import { z } from "zod";
import { CalendarDataError } from "./errors";
import { dayYear, isWeekend, parseDayKey } from "./shanghai";

const dateKeySchema = z
  .string()
  .refine((s) => parseDayKey(s) !== undefined, { message: "must be a real calendar date YYYY-MM-DD" });

export const calendarDaySchema = z.object({
  date: dateKeySchema,
  name: z.string().min(1),
});

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(1970).max(9999),
    /** Where the data comes from (the State Council notice), or "provisional: ..." when derived. */
    source: z.string().min(1),
    /** Every day off of each break, weekend days inside a break included. */
    holidays: z.array(calendarDaySchema),
    /** Weekend days that are working days (调休上班 / 补班). */
    workdays: z.array(calendarDaySchema),
  })
  .superRefine((data, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: "holidays" | "workdays", entries: readonly { date: string }[]) => {
      entries.forEach((entry, i) => {
        const day = parseDayKey(entry.date);
        if (day === undefined) return; // already reported by the field schema
        const path = [list, i, "date"];
        if (dayYear(day) !== data.year) {
          ctx.addIssue({ code: "custom", path, message: `${entry.date} is not in year ${data.year}` });
        }
        if (list === "workdays" && !isWeekend(day)) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `${entry.date} is a weekday; workdays lists weekend days only`,
          });
        }
        const before = seen.get(entry.date);
        if (before !== undefined) {
          ctx.addIssue({ code: "custom", path, message: `${entry.date} is listed twice (also in ${before})` });
        }
        seen.set(entry.date, list);
      });
    };
    check("holidays", data.holidays);
    check("workdays", data.workdays);
  });

export type CalendarDay = z.infer<typeof calendarDaySchema>;
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** Turns zod issues into "path: message" strings. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** Validates one year of calendar data (e.g. an imported JSON file); throws CalendarDataError. */
export function parseCalendarYear(input: unknown): CalendarYear {
  const result = calendarYearSchema.safeParse(input);
  if (!result.success) throw new CalendarDataError("calendar year data", formatIssues(result.error));
  return result.data;
}
