import type { AdmittedMatter } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { attributeFields, checkAttributes } from "../../src/domain/attributes";
import { toXml } from "../../src/domain/open311-format";
import { bestNamedPlace, locationQuery } from "../../src/domain/open311-location";
import { chosenJurisdiction, csvOf, W3CDateTime } from "../../src/domain/open311-params";

describe("Open311 arguments (GeoReport v2)", () => {
  it("takes the jurisdiction from the query or the form, refusing two that differ and none at all", () => {
    expect(chosenJurisdiction("440703000000", undefined)).toEqual({ ok: true, id: "440703000000" });
    expect(chosenJurisdiction(undefined, "440705000000")).toEqual({ ok: true, id: "440705000000" });
    expect(chosenJurisdiction("440703000000", "440705000000")).toMatchObject({
      ok: false,
      error: { field: "jurisdiction_id" },
    });
    expect(chosenJurisdiction(undefined, undefined)).toMatchObject({ ok: false, error: { field: "jurisdiction_id" } });
  });

  it("reads W3C date-times as instants, a bare date in China Standard Time, and refuses impossible dates", () => {
    expect(W3CDateTime.parse("2026-11-02T10:00+08:00")).toBe("2026-11-02T02:00:00.000Z");
    expect(W3CDateTime.parse("2026-11-02")).toBe("2026-11-01T16:00:00.000Z");
    expect(W3CDateTime.safeParse("2026-02-30").success).toBe(false);
    expect(W3CDateTime.safeParse("2026-11-02T24:00Z").success).toBe(false);
  });

  it("splits comma lists, refusing a blank item and too many items", () => {
    const codes = csvOf(/^[a-z]+$/, "code", 2);
    expect(codes.parse("a,b")).toEqual(["a", "b"]);
    expect(codes.safeParse("a,,b").success).toBe(false);
    expect(codes.safeParse("a,b,c").success).toBe(false);
  });
});

describe("where a report is", () => {
  it("needs both lat and long for a point, and prefers a point, then a place id, then a name", () => {
    expect(locationQuery({ lat: 22.6 })).toEqual({
      kind: "refused",
      error: { field: "long", message: "required with lat" },
    });
    expect(locationQuery({ long: 113 })).toEqual({
      kind: "refused",
      error: { field: "lat", message: "required with long" },
    });
    expect(locationQuery({ lat: 22.6, long: 113, address_id: "x" })).toEqual({ kind: "point", lng: 113, lat: 22.6 });
    expect(locationQuery({ address_id: "440703001001", address_string: "北街" })).toEqual({
      kind: "place_id",
      addressId: "440703001001",
    });
    expect(locationQuery({ address_string: "北街社区" })).toEqual({ kind: "place_name", text: "北街社区" });
    expect(locationQuery({})).toMatchObject({ kind: "refused", error: { field: "lat" } });
  });

  it("takes the longest name an address contains, and refuses one that names two places in different grids", () => {
    const place = (name: string, gridCode: string) => ({ name, gridCode });
    expect(bestNamedPlace([place("北街社区", "g1"), place("北街", "g2")])).toEqual({
      ok: true,
      place: place("北街社区", "g1"),
    });
    expect(bestNamedPlace([place("北街社区", "g1"), place("南街社区", "g1")])).toMatchObject({ ok: true });
    expect(bestNamedPlace([place("北街社区", "g1"), place("南街社区", "g2")])).toMatchObject({
      ok: false,
      error: { field: "address_string" },
    });
    expect(bestNamedPlace([])).toMatchObject({ ok: false, error: { field: "address_string" } });
  });
});

describe("service attributes", () => {
  const definition: NonNullable<AdmittedMatter["attributes"]> = [
    {
      code: "size",
      datatype: "singlevaluelist",
      required: true,
      order: 2,
      description: "规模",
      values: [
        { key: "s", name: "小" },
        { key: "l", name: "大" },
      ],
    },
    {
      code: "kinds",
      datatype: "multivaluelist",
      required: false,
      order: 1,
      description: "种类",
      values: [
        { key: "a", name: "甲" },
        { key: "b", name: "乙" },
      ],
    },
    { code: "count", datatype: "number", required: false, order: 3, description: "数量" },
  ];

  it("collects attribute[code] and attribute[code][] fields, an empty one being absent", () => {
    expect(
      attributeFields({ "attribute[kinds][]": ["a", "b"], "attribute[size]": "s", "attribute[count]": "", other: "x" }),
    ).toEqual({ kinds: ["a", "b"], size: ["s"] });
  });

  it("answers by code with a line per answer in the definition's order, and names every field at fault", () => {
    expect(checkAttributes(definition, { size: ["l"], kinds: ["a", "b"] })).toEqual({
      ok: true,
      answers: { kinds: ["a", "b"], size: "l" },
      lines: ["种类: 甲、乙", "规模: 大"],
    });
    const refused = checkAttributes(definition, { kinds: ["c"], count: ["many"], colour: ["red"] });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.map((e) => e.field).sort()).toEqual([
      "attribute[colour]",
      "attribute[count]",
      "attribute[kinds]",
      "attribute[size]",
    ]);
  });
});

describe("GeoReport v2 XML", () => {
  it("names list items as the specification's examples do and escapes text", () => {
    expect(toXml("service_requests", [{ token: "a<b", media_url: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><token>a&lt;b</token><media_url/></request></service_requests>',
    );
  });
});
