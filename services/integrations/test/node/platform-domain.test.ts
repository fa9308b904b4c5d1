import type { CaseEventData, EventEnvelope } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../../src/domain/backoff";
import { callbackOf } from "../../src/domain/callback";
import { mapCodes } from "../../src/domain/mapping";
import { diff, outsideDivision, patched } from "../../src/domain/platform-changes";

const platform = {
  id: "p",
  categoryMap: { "12345-0301": "urban.street_vending" },
  divisionMap: { "JM-PJ": "440703000000" },
};

describe("a platform's code mappings", () => {
  it("maps their codes to ours and refuses an unmapped code by name, guessing nothing", () => {
    expect(mapCodes(platform, "12345-0301", "JM-PJ")).toEqual({
      ok: true,
      matterCode: "urban.street_vending",
      divisionCode: "440703000000",
    });
    expect(mapCodes(platform, "12345-9999", "JM-PJ")).toMatchObject({
      ok: false,
      errors: [{ field: "body.data.categoryCode" }],
    });
    expect(mapCodes(platform, "12345-0301", "JM-XX")).toMatchObject({
      ok: false,
      errors: [{ field: "body.data.divisionCode" }],
    });
  });

  it("finds mapped divisions outside the platform's own division", () => {
    expect(outsideDivision("440700000000", { a: "440703000000", b: "440100000000" })).toEqual([["b", "440100000000"]]);
    expect(outsideDivision("440703000000", { a: "440703001000" })).toEqual([]);
  });

  it("patches a map (null removes) and audits the difference key by key", () => {
    const after = patched(platform.categoryMap, { "12345-0301": null, "12345-0702": "ecology.noise" });
    expect(after).toEqual({ "12345-0702": "ecology.noise" });
    const before = {
      name: "n",
      callbackUrl: "https://a",
      active: true,
      categoryMap: platform.categoryMap,
      divisionMap: {},
    };
    expect(diff(before, { ...before, active: false, categoryMap: after })).toEqual({
      active: { from: true, to: false },
      "categoryMap.12345-0301": { from: "urban.street_vending", to: null },
      "categoryMap.12345-0702": { from: null, to: "ecology.noise" },
    });
  });
});

describe("callbacks", () => {
  it("backs off exponentially from 10 s, capped at an hour", () => {
    expect([1, 2, 3, 10, 20].map(backoffSeconds)).toEqual([10, 20, 40, 3600, 3600]);
  });

  it("goes back only to the platform that pushed the case, about its order", () => {
    const envelope = {
      id: "C-1:3",
      type: "case.dispatched",
      source: "cases",
      aggregateId: "C-1",
      version: 3,
      occurredAt: "2026-11-02T10:00:00+08:00",
      data: {},
    };
    const data = {
      caseId: "C-1",
      status: "dispatched",
      previousStatus: "accepted",
      external: null,
    } as unknown as CaseEventData;
    expect(callbackOf(envelope as EventEnvelope, data)).toBeNull();
    const pushed = callbackOf(envelope as EventEnvelope, { ...data, external: { platform: "p", orderId: "O-1" } });
    expect(pushed).toMatchObject({
      eventId: "C-1:3",
      platform: "p",
      orderId: "O-1",
      payload: { type: "work_order.progress", data: { version: 3, rating: null } },
    });
  });
});
