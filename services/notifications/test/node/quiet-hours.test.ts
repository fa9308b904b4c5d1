import { describe, expect, it } from "vitest";
import { formatLocal, inQuietHours, localMinutes, nextLocal } from "../../src/domain/local-time";
import { deferUntil } from "../../src/domain/quiet-hours";

// Asia/Shanghai is UTC+8 all year: 23:30 local on 2026-03-16 is 15:30 UTC.
const lateNight = new Date("2026-03-16T15:30:00.000Z");
const noon = new Date("2026-03-17T04:00:00.000Z");
const quiet = { quietStart: "22:00", quietEnd: "07:00", digest: false };

describe("local time in Asia/Shanghai", () => {
  it("reads minutes since local midnight and formats instants for message text", () => {
    expect(localMinutes(lateNight)).toBe(23 * 60 + 30);
    expect(formatLocal("2026-03-20T09:30:00.000Z")).toBe("2026-03-20 17:30");
  });

  it("tells quiet hours, also across midnight", () => {
    expect(inQuietHours(lateNight, "22:00", "07:00")).toBe(true);
    expect(inQuietHours(noon, "22:00", "07:00")).toBe(false);
    expect(inQuietHours(noon, "11:00", "13:00")).toBe(true);
  });

  it("finds the next instant of a local time, strictly after now", () => {
    expect(nextLocal(lateNight, "07:00").toISOString()).toBe("2026-03-16T23:00:00.000Z");
    expect(nextLocal(new Date("2026-03-16T23:00:00.000Z"), "07:00").toISOString()).toBe("2026-03-17T23:00:00.000Z");
  });
});

describe("quiet hours and digests defer pushes", () => {
  it("sends at once with no preferences, and never holds an urgent push", () => {
    expect(deferUntil(null, false, lateNight)).toBeNull();
    expect(deferUntil(quiet, true, lateNight)).toBeNull();
    expect(deferUntil({ ...quiet, digest: true }, true, noon)).toBeNull();
  });

  it("holds a non-urgent push inside quiet hours until they end, and sends outside them", () => {
    expect(deferUntil(quiet, false, lateNight)?.toISOString()).toBe("2026-03-16T23:00:00.000Z");
    expect(deferUntil(quiet, false, noon)).toBeNull();
  });

  it("with daily digest on, holds every non-urgent push for the digest: the quiet end, else 08:00", () => {
    expect(deferUntil({ ...quiet, digest: true }, false, noon)?.toISOString()).toBe("2026-03-17T23:00:00.000Z");
    const digestOnly = { quietStart: null, quietEnd: null, digest: true };
    expect(deferUntil(digestOnly, false, noon)?.toISOString()).toBe("2026-03-18T00:00:00.000Z");
  });
});
