import { describe, expect, it } from "vitest";
import { buildMonthlyReport, earlyWarnings, reportArea, type ReportCounts } from "../../src/domain/monthly-report";
import { changeRefusal, endRefusal, patrolDay, pointsRefusal, startRefusal } from "../../src/domain/patrol";
import { parsePeriod } from "../../src/domain/periods";
import { DEFAULT_SETTINGS, gradeOf } from "../../src/domain/settings";

describe("period names", () => {
  it("parses each kind and refuses, as a value, what names no period", () => {
    expect(parsePeriod("2026-11")).toEqual({ kind: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(parsePeriod("2026")).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31" });
    expect(parsePeriod("2026-13")).toEqual({ refused: "no such month" });
    expect(parsePeriod("2025-W53")).toEqual({ refused: "no such ISO week" });
    expect(parsePeriod("2026-02-30")).toEqual({ refused: "not a calendar date" });
    expect(parsePeriod("last week")).toEqual({ refused: "not a day, ISO week, month or year" });
  });
});

describe("patrol rules", () => {
  const now = Date.parse("2026-11-18T10:00:00Z");
  const open = { sub: "w", status: "open" as const, startedAt: "2026-11-18T09:00:00.000Z", pointCount: 0 };

  it("lets only the worker on patrol change it, while it is open", () => {
    expect(changeRefusal(open, "w")).toBeNull();
    expect(changeRefusal(open, "other")?.code).toBe("forbidden");
    expect(changeRefusal({ ...open, status: "ended" }, "w")?.code).toBe("invalid_transition");
  });

  it("names the fix before the start or ahead of the clock, and caps a patrol's points", () => {
    expect(startRefusal("2026-11-18T10:04:00Z", now)).toBeNull();
    expect(startRefusal("2026-11-18T10:06:00Z", now)).toMatchObject({ field: "body.at" });
    const fixes = [{ at: "2026-11-18T09:30:00Z" }, { at: "2026-11-18T08:00:00Z" }];
    expect(pointsRefusal(open, fixes, now)).toMatchObject({
      field: "body.points.1.at",
      detail: "is before the patrol started",
    });
    expect(pointsRefusal({ ...open, pointCount: 5000 }, [fixes[0]!], now)?.code).toBe("unprocessable");
    expect(endRefusal(open, "2026-11-18T08:59:00Z")).toMatchObject({ field: "body.at" });
  });

  it("sums a worker's day against the county's minimum", () => {
    const walk = { countedMinutes: 70.004, countedDistanceM: 1000.04, coveredGrids: ["g2", "g1"], flags: [] };
    const who = { sub: "w", day: "2026-11-18", checkedIn: true, minimumMinutes: DEFAULT_SETTINGS.dailyPatrolMinutes };
    const day = patrolDay(who, [walk, { ...walk, coveredGrids: ["g1"], flags: [{ flag: "gap" }] }]);
    expect(day).toMatchObject({ patrolMinutes: 140.01, distanceM: 2000.1, coveredGrids: ["g1", "g2"] });
    expect(day.metMinimum).toBe(true);
    expect(day.flaggedPatrols).toBe(1);
  });
});

describe("monthly report building", () => {
  it("breaks a county down by township, and a city by county", () => {
    expect(reportArea("440703000000")).toBe("township");
    expect(reportArea("440700000000")).toBe("county");
    expect(reportArea("440703001000")).toBe("village");
  });

  it("fills the daily curve and flags a category that more than doubled in an area", () => {
    const counts: ReportCounts = {
      byMonth: [
        { key: "2026-11", count: 6 },
        { key: "2026-10", count: 1 },
      ],
      byCategoryMonth: [
        { category: "0802", month: "2026-11", count: 6 },
        { category: "0802", month: "2026-10", count: 1 },
      ],
      areaCategory: [{ category: "0802", area: "440703001000", month: "2026-11", count: 6 }],
      bySource: [],
      byArea: [],
      daily: [{ day: "2026-11-18", count: 6 }],
      topGrids: [],
      topOverdueDepartments: [],
    };
    const report = buildMonthlyReport("440703000000", "2026-11", counts);
    expect(report.totalCases).toBe(6);
    expect(report.previousMonths.map((m) => m.count)).toEqual([0, 0, 1]);
    expect(report.byCategory).toEqual([{ key: "0802", count: 6, previous: 1 }]);
    expect(report.daily).toHaveLength(30);
    const warning = { categoryCode: "0802", areaCode: "440703001000", count: 6, trailingAverage: 0, ratio: 6 };
    expect(report.earlyWarnings).toEqual([warning]);
    const fewCases = [{ category: "0802", area: "a", month: "2026-11", count: 4 }];
    expect(earlyWarnings(fewCases, "2026-11", ["2026-10"])).toEqual([]);
  });

  it("grades a score by the county's thresholds", () => {
    const t = DEFAULT_SETTINGS.gradeThresholds;
    expect([95, 80, 60, 10].map((s) => gradeOf(s, t))).toEqual(["优秀", "合格", "基本合格", "不合格"]);
  });
});
