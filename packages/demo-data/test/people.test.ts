import { describe, expect, it } from "vitest";
import { demoPrincipals, genderOfIdNumber, idBirthDate, idCheckDigit, isValidIdNumber } from "../src";
import { defaultCity } from "./helpers";

describe("workers, departments and users", () => {
  const city = defaultCity();

  it("knows a valid ID number when it sees one", () => {
    expect(idCheckDigit("11010519491231002")).toBe("X");
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(idBirthDate("440703199902300012")).toBeNull(); // 30 February
  });

  it("gives every worker a valid, unique ID number, a real birth date and matching gender", () => {
    const seen = new Set<string>();
    for (const w of city.workers) {
      expect(isValidIdNumber(w.idNumber), w.idNumber).toBe(true);
      expect(seen.has(w.idNumber)).toBe(false);
      seen.add(w.idNumber);
      expect(w.idNumber.slice(0, 6)).toBe(w.divisionCode.slice(0, 6));
      expect(idBirthDate(w.idNumber)).toBe(w.birthDate);
      const age = (Date.parse("2025-06-30") - Date.parse(w.birthDate)) / (365.2425 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(22);
      expect(age).toBeLessThan(61);
      expect(genderOfIdNumber(w.idNumber)).toBe(w.gender);
      expect(w.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(w.workPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(w.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
  });

  it("has exactly one chief per grid, a party member, and about three workers per grid", () => {
    const chiefs = new Map<string, number>();
    for (const w of city.workers) {
      for (const a of w.assignments) {
        if (a.role !== "chief") continue;
        expect(w.partyMember).toBe(true);
        chiefs.set(a.gridCode, (chiefs.get(a.gridCode) ?? 0) + 1);
      }
    }
    for (const g of city.grids) expect(chiefs.get(g.code), g.code).toBe(1);
    const perGrid = city.workers.filter((w) => w.role !== "professional").length / city.grids.length;
    expect(perGrid).toBe(3);
    const pros = city.workers.filter((w) => w.role === "professional");
    expect(pros.length).toBeGreaterThan(82);
    for (const p of pros) expect(city.departments.some((d) => d.id === p.departmentId)).toBe(true);
  });

  it("has the linkage departments of the city and each county", () => {
    expect(city.departments).toHaveLength(14 * 8);
    expect(new Set(city.departments.map((d) => d.id)).size).toBe(112);
    const police = city.departments.find((d) => d.id === "dept-440703-police");
    expect(police?.name).toBe("江门市公安局蓬江分局");
    for (const d of city.departments) expect(d.dutyPhone).toMatch(/^0750-\d{7}$/);
  });

  it("has grids with plausible facts", () => {
    for (const g of city.grids) {
      expect(g.supervisionPhone).toMatch(/^0750-3\d{6}$/);
      expect(g.partyOrganisation).toMatch(/(党支部|党小组)$/);
      if (g.type === "urban") expect(g.households).toBeGreaterThanOrEqual(300);
      if (g.type === "urban") expect(g.households).toBeLessThanOrEqual(500);
      if (g.type !== "dedicated") expect(g.name).toMatch(/第\d+网格$/);
      expect(g.population).toBeGreaterThanOrEqual(g.households);
    }
  });

  it("has users of every role and the well-known demo principals", () => {
    const subs = new Set(city.users.map((u) => u.sub));
    expect(subs.size).toBe(city.users.length);
    const roles = new Set(city.users.flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual(["agency", "department", "grid_worker", "hr", "platform_admin", "resident"]);
    for (const p of Object.values(demoPrincipals)) {
      expect(subs.has(p.sub), p.sub).toBe(true);
      expect(
        city.divisions.some((d) => d.code === p.divisionCode),
        p.sub,
      ).toBe(true);
    }
    expect(demoPrincipals.otherCountyAgency.sub).toBe("demo-county-agency-440705");
    const gridCodes = new Set(city.grids.map((g) => g.code));
    const workerIds = new Set(city.workers.map((w) => w.id));
    for (const u of city.users) {
      for (const g of u.grids ?? []) expect(gridCodes.has(g), `${u.sub} ${g}`).toBe(true);
      if (u.workerId) expect(workerIds.has(u.workerId), u.sub).toBe(true);
      if (u.departmentId) expect(city.departments.some((d) => d.id === u.departmentId)).toBe(true);
    }
  });
});
