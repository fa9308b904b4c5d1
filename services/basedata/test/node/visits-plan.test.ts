import { describe, expect, it } from "vitest";
import {
  addEvery,
  daysBetween,
  gridTotals,
  planCounts,
  planEntries,
  shanghaiDay,
  statusOf,
} from "../../src/domain/visit-plan";
import { visitedAtRefusal } from "../../src/domain/visit-rules";

describe("visit plan arithmetic", () => {
  it("months are calendar months clamped to the month's end", () => {
    expect(addEvery("2026-01-31", { amount: 1, unit: "month" })).toBe("2026-02-28");
    expect(addEvery("2028-01-31", { amount: 1, unit: "month" })).toBe("2028-02-29");
    expect(addEvery("2026-03-31", { amount: 1, unit: "month" })).toBe("2026-04-30");
    expect(addEvery("2026-11-15", { amount: 3, unit: "month" })).toBe("2027-02-15");
    expect(addEvery("2026-12-31", { amount: 1, unit: "month" })).toBe("2027-01-31");
  });

  it("weeks and days cross month and year ends", () => {
    expect(addEvery("2026-12-29", { amount: 1, unit: "week" })).toBe("2027-01-05");
    expect(addEvery("2026-02-27", { amount: 2, unit: "day" })).toBe("2026-03-01");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
  });

  it("days are Asia/Shanghai days: 23:30 UTC is already the next day", () => {
    expect(shanghaiDay("2026-11-30T16:00:00Z")).toBe("2026-12-01");
    expect(shanghaiDay("2026-11-30T15:59:59Z")).toBe("2026-11-30");
    expect(shanghaiDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(shanghaiDay("2026-05-01")).toBe("2026-05-01");
  });

  it("ok more than 3 days ahead, due within 3 days (the day itself included), overdue after", () => {
    expect(statusOf("2026-12-05", "2026-12-01")).toBe("ok");
    expect(statusOf("2026-12-04", "2026-12-01")).toBe("due");
    expect(statusOf("2026-12-01", "2026-12-01")).toBe("due");
    expect(statusOf("2026-11-30", "2026-12-01")).toBe("overdue");
  });

  it("due from the later of the last visit and the tag's start; kinds without a rule are not planned", () => {
    const rules = { community_correction: { amount: 1, unit: "month" as const }, veteran: null };
    const entries = planEntries(
      [
        {
          personId: "pe-1",
          name: "甲",
          gridCode: "440703001001001",
          tags: [
            { kind: "community_correction", start: "2026-06-01" },
            { kind: "veteran", start: "2020-01-01" },
          ],
          lastVisitAt: "2026-10-31T17:00:00Z", // 1 November in Shanghai
        },
        {
          personId: "pe-2",
          name: "乙",
          gridCode: "440703001001001",
          tags: [{ kind: "community_correction", start: "2026-11-20" }],
          lastVisitAt: "2026-01-01T02:00:00Z",
        },
      ],
      rules,
      "2026-12-02",
    );
    expect(entries.map((e) => [e.personId, e.lastVisitOn, e.dueOn, e.status])).toEqual([
      ["pe-1", "2026-11-01", "2026-12-01", "overdue"],
      ["pe-2", "2026-01-01", "2026-12-20", "ok"],
    ]);
    const counts = planCounts(entries);
    expect(counts).toEqual([
      { gridCode: "440703001001001", tagKind: "community_correction", ok: 1, due: 0, overdue: 1 },
    ]);
    expect(gridTotals(counts).get("440703001001001")).toEqual({ due: 0, overdue: 1 });
  });

  it("a visit may be recorded up to 7 days late, never ahead of the clock", () => {
    const now = new Date("2026-12-01T04:00:00Z");
    expect(visitedAtRefusal("2026-11-24T05:00:00Z", now)).toBeNull();
    expect(visitedAtRefusal("2026-11-23T03:00:00Z", now)?.errors?.[0]?.field).toBe("body.visitedAt");
    expect(visitedAtRefusal("2026-12-01T04:03:00Z", now)).toBeNull();
    expect(visitedAtRefusal("2026-12-01T05:00:00Z", now)?.detail).toContain("future");
  });
});
