import { describe, expect, it } from "vitest";
import y2026 from "../src/data/cn-2026.json";
import { addCalendarMinutes, addWorkingHours, WorkingCalendar, workingMinutesBetween } from "../src/index";
import { at, iso } from "./helpers";

describe("addWorkingHours", () => {
  it("within one morning", () => {
    expect(iso(addWorkingHours(at("2026-03-10 08:30"), 2))).toBe("2026-03-10T02:30:00.000Z");
  });

  it("ending exactly at noon stays at 12:00", () => {
    expect(iso(addWorkingHours(at("2026-03-10 11:00"), 1))).toBe("2026-03-10T04:00:00.000Z");
  });

  it("across the lunch break", () => {
    expect(iso(addWorkingHours(at("2026-03-10 11:00"), 2))).toBe("2026-03-10T07:00:00.000Z"); // 15:00
    expect(iso(addWorkingHours(at("2026-03-10 12:30"), 1))).toBe("2026-03-10T07:00:00.000Z"); // starts 14:00
  });

  it("overnight", () => {
    expect(iso(addWorkingHours(at("2026-03-10 17:00"), 2))).toBe("2026-03-11T02:00:00.000Z"); // Wed 10:00
    expect(iso(addWorkingHours(at("2026-03-10 08:30"), 7))).toBe("2026-03-10T09:30:00.000Z"); // one full day
  });

  it("from 17:00 on the Friday before 清明 lands on the next working day morning", () => {
    expect(iso(addWorkingHours(at("2026-04-03 17:00"), 2))).toBe("2026-04-07T02:00:00.000Z"); // Tue 10:00
  });

  it("from 17:00 on Friday Feb 13 lands on the make-up Saturday", () => {
    expect(iso(addWorkingHours(at("2026-02-13 17:00"), 2))).toBe("2026-02-14T02:00:00.000Z");
  });

  it("from a holiday counts from the first working morning", () => {
    expect(iso(addWorkingHours(at("2026-10-03 12:00"), 7))).toBe("2026-10-08T09:30:00.000Z");
    expect(iso(addWorkingHours(at("2026-10-03 12:00"), 0.5))).toBe("2026-10-08T01:00:00.000Z");
  });

  it("follows a custom schedule", () => {
    const summer = new WorkingCalendar([y2026], {
      schedule: {
        periods: [
          { start: "08:00", end: "12:00" },
          { start: "14:30", end: "18:00" },
        ],
      },
    });
    expect(iso(summer.addWorkingHours(at("2026-03-10 11:00"), 2))).toBe("2026-03-10T07:30:00.000Z"); // 15:30
    expect(iso(summer.addWorkingDays(at("2026-03-10 11:00"), 1))).toBe("2026-03-11T10:00:00.000Z"); // 18:00
    expect(() =>
      summer.withSchedule({
        periods: [
          { start: "09:00", end: "12:00" },
          { start: "11:00", end: "17:00" },
        ],
      }),
    ).toThrow(/not overlap/);
  });
});

describe("addCalendarMinutes", () => {
  it("counts plain time through nights and holidays", () => {
    expect(iso(addCalendarMinutes(at("2026-10-01 23:50"), 30))).toBe("2026-10-01T16:20:00.000Z");
    expect(() => addCalendarMinutes(at("2026-10-01 23:50"), -1)).toThrow(RangeError);
  });
});

describe("workingMinutesBetween", () => {
  it("counts only working periods", () => {
    expect(workingMinutesBetween(at("2026-03-10 08:00"), at("2026-03-10 18:00"))).toBe(420);
    expect(workingMinutesBetween(at("2026-03-10 11:30"), at("2026-03-10 14:30"))).toBe(60);
  });

  it("across 春节 with the make-up Saturday", () => {
    // Fri 30 + Sat Feb 14 420 + Tue Feb 24 30
    expect(workingMinutesBetween(at("2026-02-13 17:00"), at("2026-02-24 09:00"))).toBe(480);
    expect(workingMinutesBetween(at("2026-02-24 09:00"), at("2026-02-13 17:00"))).toBe(-480);
  });
});
