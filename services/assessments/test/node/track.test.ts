import { describe, expect, it } from "vitest";
import { summarizeTrack, type LocatedPoint } from "../../src/domain/track";
import { isoWeekOf, periodRange, workingDays } from "../../src/domain/periods";
import { rankSubjects } from "../../src/domain/scoring";
import { DEFAULT_WEIGHTS } from "../../src/domain/settings";

const G = "440703001001001";
const served = { maxSpeedKmh: 120, servedGrids: [G] };
// ~0.001° of longitude at 22.5°N is ~103 m.
const walk = (n: number, everyMs = 60_000, grid: string | null = G): LocatedPoint[] =>
  Array.from({ length: n }, (_, i) => ({ atMs: i * everyMs, lng: 113.001 + i * 0.0005, lat: 22.505, gridCode: grid }));

describe("track summary", () => {
  it("counts a plausible walk inside the served grid: minutes, distance, coverage", () => {
    const s = summarizeTrack(walk(11), served);
    expect(s.countedMinutes).toBe(10);
    expect(s.countedDistanceM).toBeGreaterThan(500);
    expect(s.countedDistanceM).toBeLessThan(540);
    expect(s.coveredGrids).toEqual([G]);
    expect(s.flags).toEqual([]);
  });

  it("flags a jump faster than the county's maximum speed and does not count it", () => {
    const points = walk(5);
    points.push({ atMs: 5 * 60_000, lng: 113.009, lat: 22.509, gridCode: G }); // ~900 m in a minute: 54 km/h, fine
    points.push({ atMs: 5 * 60_000 + 10_000, lng: 113.0005, lat: 22.5005, gridCode: G }); // ~1.3 km in 10 s
    const s = summarizeTrack(points, served);
    expect(s.flags).toEqual([{ flag: "speed", segments: 1 }]);
    expect(s.countedMinutes).toBe(5);
    expect(summarizeTrack(points, { ...served, maxSpeedKmh: 30 }).flags).toEqual([{ flag: "speed", segments: 2 }]);
  });

  it("flags a device that never moves as stationary and counts nothing", () => {
    const still = Array.from({ length: 120 }, (_, i) => ({
      atMs: i * 60_000,
      lng: 113.005 + (i % 2) * 0.00002,
      lat: 22.505,
      gridCode: G,
    }));
    const s = summarizeTrack(still, served);
    expect(s).toMatchObject({ countedMinutes: 0, countedDistanceM: 0, flags: [{ flag: "stationary", segments: 119 }] });
  });

  it("does not count segments outside the served grids or across a gap", () => {
    expect(summarizeTrack(walk(4, 60_000, "440703001001002"), served)).toMatchObject({
      countedMinutes: 0,
      flags: [{ flag: "outside_grids", segments: 3 }],
    });
    expect(summarizeTrack(walk(4, 60_000, null), served).flags).toEqual([{ flag: "outside_grids", segments: 3 }]);
    const gap = summarizeTrack(
      walk(3, 20 * 60_000).map((p, i) => ({ ...p, lng: 113.001 + i * 0.01 * 0.05 })),
      served,
    );
    expect(gap).toMatchObject({ countedMinutes: 0, flags: [{ flag: "gap", segments: 2 }] });
  });
});

describe("periods", () => {
  it("names ISO weeks and spans them Monday to Sunday", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(periodRange("2026-W48")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(periodRange("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(() => periodRange("2025-W53")).toThrow();
  });

  it("counts working days by the national calendar (2026 National Day week has none on 1–7 October)", () => {
    expect(workingDays(periodRange("2026-W48"))).toBe(5);
    expect(workingDays({ from: "2026-10-01", to: "2026-10-07" })).toBe(0);
  });
});

describe("ranking scores", () => {
  const totals = (sub: string, county: string, t: Record<string, number>) => ({
    subjectId: sub,
    divisionCode: `${county.slice(0, 6)}001001`,
    countyCode: county,
    totals: t,
  });

  it("weights indicators, scores counts against the county's best, ranks within each county", () => {
    const rows = rankSubjects(
      "worker",
      "2026-W48",
      [
        totals("a", "440703000000", { checked_in: 5, met_minimum: 5, cases_reported: 10 }),
        totals("b", "440703000000", { checked_in: 5, met_minimum: 0, cases_reported: 5 }),
        totals("c", "440705000000", { checked_in: 1, met_minimum: 0, cases_reported: 1 }),
      ],
      5,
      () => ({ weights: DEFAULT_WEIGHTS, version: 0 }),
    );
    const a = rows.find((r) => r.subjectId === "a")!;
    const c = rows.find((r) => r.subjectId === "c")!;
    expect(a.rank).toBe(1);
    expect(rows.find((r) => r.subjectId === "b")!.rank).toBe(2);
    expect(c.rank).toBe(1);
    // a: checkin 100×20, patrol 100×30, reported 100×20, verify 0×10, on-site 0×10, orders (none → 100)×10 over 100.
    expect(a.score).toBe(80);
    expect(a.components.find((x) => x.indicator === "cases_reported")).toEqual({
      indicator: "cases_reported",
      value: 10,
      score: 100,
      weight: 20,
    });
    expect(c.components.find((x) => x.indicator === "checkin_rate")?.value).toBe(20);
  });
});
