import { describe, expect, it } from "vitest";
import { addWorkingDays, dayInfo, deadline, isWorkingDay } from "../src/index";
import { at, iso } from "./helpers";

describe("isWorkingDay", () => {
  it("春节 2026: make-up Saturdays Feb 14 and Feb 28 work, Feb 15-23 off", () => {
    expect(isWorkingDay("2026-02-13")).toBe(true);
    expect(isWorkingDay("2026-02-14")).toBe(true); // Saturday, 调休上班
    for (let d = 15; d <= 23; d += 1) expect(isWorkingDay(`2026-02-${d}`), `Feb ${d}`).toBe(false);
    expect(isWorkingDay("2026-02-24")).toBe(true);
    expect(isWorkingDay("2026-02-28")).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay("2026-03-01")).toBe(false); // ordinary Sunday
    expect(dayInfo("2026-02-14")).toEqual({
      date: "2026-02-14",
      working: true,
      kind: "makeup_workday",
      name: "春节调休上班",
    });
    expect(dayInfo("2026-02-16")).toMatchObject({ working: false, kind: "holiday", name: "春节" });
    expect(dayInfo("2026-03-07")).toEqual({ date: "2026-03-07", working: false, kind: "weekend" });
  });

  it("uses the Shanghai calendar day of an instant, not the UTC day", () => {
    expect(isWorkingDay(new Date("2026-02-13T16:30:00Z"))).toBe(true); // Sat Feb 14 00:30 in Shanghai
    expect(isWorkingDay(new Date("2026-02-14T16:30:00Z"))).toBe(false); // Sun Feb 15 00:30, 春节
    expect(dayInfo(new Date("2026-12-31T16:30:00Z")).date).toBe("2027-01-01");
  });

  it("国庆 2026: Sunday Sep 20 and Saturday Oct 10 are working days", () => {
    expect(isWorkingDay("2026-09-20")).toBe(true);
    expect(isWorkingDay("2026-10-10")).toBe(true);
    expect(isWorkingDay("2026-10-07")).toBe(false);
    expect(isWorkingDay("2026-10-08")).toBe(true);
  });

  it("rejects strings that are not a calendar date", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(TypeError);
    expect(() => isWorkingDay("2026-02-13T10:00:00Z")).toThrow(TypeError);
  });
});

describe("addWorkingDays: close of the n-th working day after the start day", () => {
  it("plain week: received Tuesday 10:00, 3 working days -> Friday 17:30", () => {
    expect(iso(addWorkingDays(at("2026-02-10 10:00"), 3))).toBe("2026-02-13T09:30:00.000Z");
  });

  it("time of day on the start day does not matter", () => {
    expect(iso(addWorkingDays(at("2026-02-10 07:00"), 3))).toBe("2026-02-13T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-02-10 22:00"), 3))).toBe("2026-02-13T09:30:00.000Z");
  });

  it("across 春节 2026, counting the make-up Saturday Feb 14", () => {
    // Fri Feb 13 -> day 1 Sat Feb 14 (调休), Feb 15-23 off, day 2 Tue Feb 24, day 3 Wed Feb 25
    expect(iso(addWorkingDays(at("2026-02-13 10:00"), 1))).toBe("2026-02-14T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-02-13 10:00"), 3))).toBe("2026-02-25T09:30:00.000Z");
  });

  it("the make-up Saturday Feb 28 counts", () => {
    expect(iso(addWorkingDays(at("2026-02-27 15:00"), 1))).toBe("2026-02-28T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-02-27 15:00"), 2))).toBe("2026-03-02T09:30:00.000Z");
  });

  it("a report on a holiday starts counting with the first working day after it", () => {
    expect(iso(addWorkingDays(at("2026-02-16 09:00"), 1))).toBe("2026-02-24T09:30:00.000Z"); // 除夕
    expect(iso(addWorkingDays(at("2026-02-16 09:00"), 2))).toBe("2026-02-25T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-03-07 11:00"), 1))).toBe("2026-03-09T09:30:00.000Z"); // Saturday
  });

  it("国庆 2026 with the working Sunday Sep 20 and Saturday Oct 10", () => {
    expect(iso(addWorkingDays(at("2026-09-18 10:00"), 1))).toBe("2026-09-20T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-09-24 10:00"), 3))).toBe("2026-09-30T09:30:00.000Z"); // over 中秋 Sep 25-27
    expect(iso(addWorkingDays(at("2026-09-30 10:00"), 2))).toBe("2026-10-09T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-09-30 10:00"), 3))).toBe("2026-10-10T09:30:00.000Z");
  });

  it("n = 0 is the close of the same working day, or of the next one once it has closed", () => {
    expect(iso(addWorkingDays(at("2026-03-10 10:00"), 0))).toBe("2026-03-10T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-03-10 18:00"), 0))).toBe("2026-03-11T09:30:00.000Z");
    expect(iso(addWorkingDays(at("2026-10-01 10:00"), 0))).toBe("2026-10-08T09:30:00.000Z");
  });

  it("rejects negative or fractional day counts", () => {
    expect(() => addWorkingDays(at("2026-03-10 10:00"), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(at("2026-03-10 10:00"), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date("nope"), 1)).toThrow(TypeError);
  });

  it("deadline() dispatches on the unit", () => {
    const start = at("2026-02-13 10:00");
    expect(iso(deadline(start, { amount: 3, unit: "working_days" }))).toBe("2026-02-25T09:30:00.000Z");
    expect(iso(deadline(start, { amount: 2, unit: "working_hours" }))).toBe("2026-02-13T04:00:00.000Z");
    expect(iso(deadline(start, { amount: 30, unit: "minutes" }))).toBe("2026-02-13T02:30:00.000Z");
  });
});
