import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../../src/domain/backoff";
import { callbackOf } from "../../src/domain/callback";
import { mapCodes } from "../../src/domain/mapping";
import { diff, outsideDivision, patched } from "../../src/domain/platform-changes";

const platform = { id: "p", categoryMap: { "12345-0301": "urban.street_vending" }, divisionMap: { "JM-PJ": "440703000000" } };

describe("a platform's code mappings", () => {
  it("maps their codes to ours and refuses an unmapped code by name, guessing nothing", () => {
    expect(mapCodes(platform, "12345-0301", "JM-PJ")).toEqual({ ok: true, matterCode: "urban.street_vending", divisionCode: "440703000000" });
    expect(mapCodes(platform, "12345-9999", "JM-PJ")).toMatchObject({ ok: false, errors: [{ field: "body.data.categoryCode" }] });
    expect(mapCodes(platform, "12345-0301", "JM-XX")).toMatchObject({ ok: false, errors: [{ field: "body.data.divisionCode" }] });
  });

  it("finds mapped divisions outside the platform's own division", () => {
    expect(outsideDivision("440700000000", { a: "440703000000", b: "440100000000" })).toEqual([["b", "440100000000"]]);
    expect(outsideDivision("440703000000", { a: "440703001000" })).toEqual([]);
  });

  it("patches a map (null removes) and audits the difference key by key", () => {
    const after = patched(platform.categoryMap, { "12345-0301": null, "12345-0702": "ecology.noise" });
    expect(after).toEqual({ "12345-0702": "ecology.noise" });
    const before = { name: "n", callbackUrl: "https://a", active: true, categoryMap: platform.categoryMap, divisionMap: {} };
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

  it("tells an unreadable message from a case no platform pushed", () => {
    expect(callbackOf({ nonsense: true })).toEqual({ kind: "unreadable" });
  });
});
