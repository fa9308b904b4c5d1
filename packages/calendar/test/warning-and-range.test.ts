import { describe, expect, it } from "vitest";
import y2026 from "../src/data/cn-2026.json";
import {
  addWorkingDays,
  addWorkingHours,
  CalendarRangeError,
  deadline,
  isWorkingDay,
  warningAt,
  WorkingCalendar,
  workingMinutesBetween,
} from "../src/index";
import { at, iso } from "./helpers";

describe("warningAt", () => {
  it("80% of the working time of a 3-working-day limit", () => {
    const start = at("2026-03-09 10:00"); // Monday
    const due = addWorkingDays(start, 3);
    expect(iso(due)).toBe("2026-03-12T09:30:00.000Z");
    // 330 + 420 + 420 + 420 = 1590 working minutes; 80% = 1272 -> Thu 08:30 + 102 min = 10:12
    expect(iso(warningAt(start, due))).toBe("2026-03-12T02:12:00.000Z");
    expect(iso(warningAt(start, due, 0.8, "working_days"))).toBe("2026-03-12T02:12:00.000Z");
  });

  it("never falls inside 国庆", () => {
    const start = at("2026-09-30 16:00");
    const due = deadline(start, { amount: 2, unit: "working_days" });
    expect(iso(due)).toBe("2026-10-09T09:30:00.000Z");
    // 90 + 420 + 420 = 930; 80% = 744 -> Oct 9 14:24
    expect(iso(warningAt(start, due))).toBe("2026-10-09T06:24:00.000Z");
    expect(workingMinutesBetween(start, warningAt(start, due))).toBe(744);
  });

  it("working hours over a holiday weekend", () => {
    const start = at("2026-04-03 16:00");
    const due = deadline(start, { amount: 4, unit: "working_hours" });
    expect(iso(due)).toBe("2026-04-07T03:00:00.000Z"); // Tue 11:00
    expect(iso(warningAt(start, due, 0.8, "working_hours"))).toBe("2026-04-07T02:12:00.000Z"); // Tue 10:12
  });

  it("plain minutes count the night", () => {
    const start = at("2026-10-01 02:00");
    const due = deadline(start, { amount: 30, unit: "minutes" });
    expect(iso(warningAt(start, due, 0.8, "minutes"))).toBe("2026-09-30T18:24:00.000Z"); // 02:24 local
  });

  it("rejects a share outside 0..1 and a deadline before the start", () => {
    expect(() => warningAt(at("2026-03-09 10:00"), at("2026-03-10 10:00"), 1.2)).toThrow(RangeError);
    expect(() => warningAt(at("2026-03-10 10:00"), at("2026-03-09 10:00"))).toThrow(RangeError);
  });
});

describe("year boundary and range", () => {
  it("2026 -> 2027 across 元旦 2027", () => {
    expect(iso(addWorkingDays(at("2026-12-31 10:00"), 3))).toBe("2027-01-06T09:30:00.000Z");
    expect(iso(addWorkingHours(at("2026-12-31 17:00"), 1))).toBe("2027-01-04T01:00:00.000Z");
    expect(workingMinutesBetween(at("2026-12-31 17:00"), at("2027-01-04 09:00"))).toBe(60);
  });

  it("throws CalendarRangeError naming the year outside the loaded data", () => {
    expect(() => isWorkingDay("2028-01-03")).toThrow(CalendarRangeError);
    expect(() => isWorkingDay("2028-01-03")).toThrow(/year 2028/);
    expect(() => isWorkingDay("2025-12-31")).toThrow(/year 2025/);
    try {
      addWorkingDays(at("2027-12-30 10:00"), 3);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarRangeError);
      expect((error as CalendarRangeError).year).toBe(2028);
      expect((error as CalendarRangeError).loadedYears).toEqual([2026, 2027]);
    }
  });

  it("a calendar with only 2026 refuses to count into 2027", () => {
    const only2026 = new WorkingCalendar([y2026]);
    expect(() => only2026.addWorkingDays(at("2026-12-31 10:00"), 1)).toThrow(/year 2027/);
    expect(() => only2026.addWorkingHours(at("2026-12-31 17:00"), 1)).toThrow(CalendarRangeError);
    expect(() => only2026.workingMinutesBetween(at("2026-12-30 10:00"), at("2027-01-05 10:00"))).toThrow(
      CalendarRangeError,
    );
  });
});
