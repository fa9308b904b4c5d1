import { describe, expect, it } from "vitest";
import { distanceM, speedKmh, trackLength } from "../src";

describe("trackLength", () => {
  it("sums legs and is 0 for short tracks", () => {
    expect(trackLength([])).toBe(0);
    expect(trackLength([[113, 22]])).toBe(0);
    const legs = distanceM([113, 22], [113.01, 22]) + distanceM([113.01, 22], [113.01, 22.01]);
    expect(
      trackLength([
        [113, 22],
        [113.01, 22],
        [113.01, 22.01],
      ]),
    ).toBeCloseTo(legs, 9);
    expect(
      trackLength([
        [0, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBeCloseTo(2 * 111_195.08, 1);
  });

  it("accepts timestamped fixes", () => {
    const fixes = [
      { lng: 0, lat: 0, at: 0 },
      { lng: 0, lat: 1, at: 1 },
    ];
    expect(trackLength(fixes)).toBeCloseTo(111_195.08, 1);
  });
});

describe("speedKmh", () => {
  it("divides distance by elapsed time, in either order and any timestamp form", () => {
    const a = { lng: 0, lat: 0, at: "2026-03-01T08:00:00Z" };
    const b = { lng: 0, lat: 1, at: new Date("2026-03-01T10:00:00Z") };
    expect(speedKmh(a, b)).toBeCloseTo(55.5975, 3);
    expect(speedKmh(b, a)).toBeCloseTo(55.5975, 3);
    expect(speedKmh({ lng: 0, lat: 0, at: 0 }, { lng: 0, lat: 0.01, at: 3_600_000 })).toBeCloseTo(1.11195, 4);
  });

  it("handles a zero interval and rejects bad timestamps", () => {
    expect(speedKmh({ lng: 1, lat: 1, at: 5 }, { lng: 1, lat: 1, at: 5 })).toBe(0);
    expect(speedKmh({ lng: 1, lat: 1, at: 5 }, { lng: 1, lat: 2, at: 5 })).toBe(Infinity);
    expect(() => speedKmh({ lng: 1, lat: 1, at: "yesterday" }, { lng: 1, lat: 2, at: 5 })).toThrow(/invalid timestamp/);
  });
});
