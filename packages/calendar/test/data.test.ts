import { describe, expect, it } from "vitest";
import y2026 from "../src/data/cn-2026.json";
import y2027 from "../src/data/cn-2027.json";
import { CalendarDataError, calendarYearSchema, parseCalendarYear, WorkingCalendar } from "../src/index";

describe("calendar data files", () => {
  it("pass the schema", () => {
    expect(calendarYearSchema.safeParse(y2026).success).toBe(true);
    expect(calendarYearSchema.safeParse(y2027).success).toBe(true);
  });

  it("2026 holds the official schedule", () => {
    const data = parseCalendarYear(y2026);
    expect(data.year).toBe(2026);
    expect(data.source).not.toMatch(/^provisional/);
    expect(data.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(data.holidays.filter((h) => h.name === "春节").map((h) => h.date)).toEqual([
      "2026-02-15",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-02-21",
      "2026-02-22",
      "2026-02-23",
    ]);
    expect(data.workdays.map((w) => w.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
  });

  it("2027 is marked provisional", () => {
    const data = parseCalendarYear(y2027);
    expect(data.source).toMatch(/^provisional: derived from statutory holidays, replace with the State Council notice/);
    // every statutory day is off
    const off = new Set(data.holidays.map((h) => h.date));
    for (const d of [
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-04-05",
      "2027-05-01",
      "2027-05-02",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-02",
      "2027-10-03",
    ]) {
      expect(off.has(d), d).toBe(true);
    }
  });

  const base = { year: 2026, source: "test", holidays: [], workdays: [] };

  it("rejects a make-up workday that is not a weekend day", () => {
    expect(() => parseCalendarYear({ ...base, workdays: [{ date: "2026-02-13", name: "x" }] })).toThrow(
      /workdays\.0\.date: 2026-02-13 is a weekday/,
    );
  });

  it("rejects dates outside the year, impossible dates and duplicates", () => {
    expect(() => parseCalendarYear({ ...base, holidays: [{ date: "2027-01-01", name: "元旦" }] })).toThrow(
      CalendarDataError,
    );
    expect(() => parseCalendarYear({ ...base, holidays: [{ date: "2026-02-30", name: "x" }] })).toThrow(
      /real calendar date/,
    );
    expect(() =>
      parseCalendarYear({
        ...base,
        holidays: [{ date: "2026-02-14", name: "x" }],
        workdays: [{ date: "2026-02-14", name: "y" }],
      }),
    ).toThrow(/listed twice/);
    expect(() => parseCalendarYear({ year: 2026, holidays: [] })).toThrow(CalendarDataError);
  });

  it("a calendar refuses the same year twice", () => {
    expect(() => new WorkingCalendar([y2026, y2026])).toThrow(/year 2026 is loaded twice/);
  });

  it("a city can add its own year", () => {
    const y2028 = {
      year: 2028,
      source: "city test",
      holidays: [{ date: "2028-01-03", name: "本地假日" }],
      workdays: [],
    };
    const cal = new WorkingCalendar([y2026, y2027, y2028]);
    expect(cal.years).toEqual([2026, 2027, 2028]);
    expect(cal.isWorkingDay("2028-01-03")).toBe(false);
    expect(cal.isWorkingDay("2028-01-04")).toBe(true);
    expect(cal.dayInfo("2028-01-03")).toEqual({
      date: "2028-01-03",
      working: false,
      kind: "holiday",
      name: "本地假日",
    });
  });
});
