import { describe, expect, it } from "vitest";
import { findClusters, type CasePoint } from "../../src/hotspots/clusters";
import { monthOf, monthRange, previousMonth } from "../../src/hotspots/months";

const RULE = { radiusMeters: 100, minCount: 3, windowDays: 30 };
const DAY = 86_400_000;
const T0 = Date.parse("2026-11-01T02:00:00Z");
let n = 0;
const at = (dLat: number, day: number, categoryCode = "A01", gridCode = "440703001001001"): CasePoint => ({
  id: `c${++n}`,
  categoryCode,
  gridCode,
  villageCode: gridCode.slice(0, 12),
  lng: 113.081,
  lat: 22.581 + dLat,
  at: T0 + day * DAY,
});

describe("findClusters (greedy by density)", () => {
  it("three of one matter within 100 m inside 30 days are one cluster", () => {
    const [c, ...rest] = findClusters([at(0, 0), at(0.0003, 5), at(0.0006, 29)], RULE);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ categoryCode: "A01", gridCode: "440703001001001" });
    expect(c!.caseIds).toHaveLength(3);
  });

  it("reports more than 30 days apart, more than 100 m apart, or of other matters are none", () => {
    expect(findClusters([at(0, 0), at(0.0003, 15), at(0.0006, 31)], RULE)).toEqual([]);
    expect(findClusters([at(0, 0), at(0.0015, 1), at(0.003, 2)], RULE)).toEqual([]);
    expect(findClusters([at(0, 0, "A01"), at(0, 1, "A02"), at(0, 2, "A03")], RULE)).toEqual([]);
  });

  it("two places far apart are two clusters, each case in one, the grid most cases lie in wins", () => {
    const here = [at(0, 0), at(0.0001, 1, "A01", "440703001001002"), at(0.0002, 2, "A01", "440703001001002")];
    const there = [at(0.01, 0), at(0.0101, 1), at(0.0102, 2), at(0.0103, 3)];
    const found = findClusters([...here, ...there], RULE);
    expect(found.map((c) => c.caseIds.length)).toEqual([4, 3]);
    expect(found[1]!.gridCode).toBe("440703001001002");
    expect(new Set(found.flatMap((c) => c.caseIds)).size).toBe(7);
  });

  it("keeps the fullest 30-day stretch of a seed's neighbours", () => {
    const found = findClusters([at(0, 0), at(0, 20), at(0, 25), at(0, 28), at(0, 45)], RULE);
    expect(found).toHaveLength(1);
    expect(found[0]!.caseIds).toHaveLength(4);
  });
});

describe("Shanghai months", () => {
  it("a case at 23:30 local on the month's last day is in that month; the run on the 1st looks at the one before", () => {
    expect(monthOf(Date.parse("2026-11-30T15:30:00Z"))).toBe("2026-11");
    expect(monthOf(Date.parse("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(previousMonth(Date.parse("2027-01-01T00:00:00+08:00"))).toBe("2026-12");
    expect(monthRange("2026-12")).toMatchObject({ start: "2026-11-30T16:00:00.000Z", end: "2026-12-31T16:00:00.000Z" });
  });
});
