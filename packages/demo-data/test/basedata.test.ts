import { Change, isValidCreditCode, type ChangeOf } from "@civicgrid/contracts";
import { GridIndex, locate } from "@civicgrid/geo";
import { describe, expect, it } from "vitest";
import { generateBaseData, isValidIdNumber, type BaseData } from "../src";
import { defaultCity, sha256 } from "./helpers";

const city = defaultCity();
const started = performance.now();
const data: BaseData = generateBaseData(city);
const elapsedMs = performance.now() - started;
const grids = new Map(city.grids.map((g) => [g.code, g]));
const index = new GridIndex(city.grids.map((g) => ({ id: g.code, geometry: g.geometry })));
const all = data.ledgers.flatMap((l) => l.changes.map((change, i) => ({ ledger: l, change, id: l.recordIds[i]! })));
const of = <K extends Change["kind"]>(kind: K) =>
  all.filter((e): e is typeof e & { change: ChangeOf<K> } => e.change.kind === kind);

describe("demo base data of a township", () => {
  it("is the same for the same seed, and another for another seed, in well under two seconds", () => {
    expect(elapsedMs).toBeLessThan(2000);
    expect(sha256(generateBaseData(city))).toBe(sha256(data));
    expect(sha256(generateBaseData(city, { seed: 7 }))).not.toBe(sha256(data));
  });

  it("covers every village and grid of the first township of 蓬江区", () => {
    expect(data.townshipCode).toBe("440703002000");
    const villages = city.divisions.filter((d) => d.parentCode === data.townshipCode);
    expect(data.ledgers.map((l) => l.villageCode)).toEqual(villages.map((v) => v.code));
    const gridCodes = city.grids.filter((g) => g.townshipCode === data.townshipCode).map((g) => g.code);
    expect(data.ledgers.flatMap((l) => l.gridCodes)).toEqual(gridCodes);
    expect(data.counts).toMatchObject({ villages: villages.length, grids: gridCodes.length });
  });

  it("is made only of valid changes, each naming only records created before it in its village", () => {
    for (const { change } of all) expect(Change.safeParse(change).success, JSON.stringify(change)).toBe(true);
    for (const ledger of data.ledgers) {
      const seen = new Set<string>();
      let households = 0;
      ledger.changes.forEach((change, i) => {
        const named = JSON.stringify(change).match(/\b[a-z]{2}-\d{12}-\d{6}\b/g) ?? [];
        for (const id of named) {
          expect(id.slice(3, 15), id).toBe(ledger.villageCode);
          expect(seen.has(id), `${ledger.recordIds[i]} names ${id} before it exists`).toBe(true);
        }
        seen.add(ledger.recordIds[i]!);
        // A person starting a household creates it too, with the household sequence's next id.
        if (change.kind === "person.register" && "newHousehold" in change.household)
          seen.add(`hh-${ledger.villageCode}-${String(++households).padStart(6, "0")}`);
      });
    }
  });

  it("places every door and building inside a grid of its own village, and every grid has doors", () => {
    const doorsPerGrid = new Map<string, number>();
    for (const { ledger, change } of of("address.create")) {
      if (change.lng === undefined || change.lat === undefined) continue;
      const grid = index.lookup(change.lng, change.lat);
      expect(grid && ledger.gridCodes.includes(grid), `${change.name} at ${change.lng},${change.lat}`).toBe(true);
      expect(locate([change.lng, change.lat], grids.get(grid!)!.geometry)).toBe("inside");
      doorsPerGrid.set(grid!, (doorsPerGrid.get(grid!) ?? 0) + 1);
    }
    for (const ledger of data.ledgers)
      for (const g of ledger.gridCodes) expect(doorsPerGrid.get(g), g).toBeGreaterThan(0);
  });

  it("gives people valid, unique ID numbers (none a worker's), valid passports and unique phones", () => {
    const ids = new Set(city.workers.map((w) => w.idNumber));
    const phones = new Set<string>();
    const people = of("person.register").map((e) => e.change);
    for (const p of people) {
      if (p.identity.document === "resident_id") {
        expect(isValidIdNumber(p.identity.number), p.identity.number).toBe(true);
        expect(p.personType).not.toBe("foreign");
        if (p.personType === "registered") expect(p.identity.number.slice(0, 6)).toBe("440703");
      } else {
        expect(p.personType).toBe("foreign");
        expect(p.identity.number).toMatch(/^[A-Z0-9]{5,20}$/);
      }
      expect(ids.has(p.identity.number), p.identity.number).toBe(false);
      ids.add(p.identity.number);
      if (p.phone) {
        expect(phones.has(p.phone)).toBe(false);
        phones.add(p.phone);
      }
    }
    expect(people.length).toBe(data.counts.people);
    expect(people.filter((p) => p.personType === "foreign").length).toBeGreaterThan(0);
  });

  it("has ages from infants to the very old, and no one born after the day the data is as of", () => {
    const ages = of("person.register")
      .map((e) => e.change.identity)
      .filter((i) => i.document === "resident_id")
      .map((i) => Number(data.asOf.slice(0, 4)) - Number(i.number.slice(6, 10)));
    expect(Math.min(...ages)).toBeLessThanOrEqual(2);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(85);
    expect(Math.max(...ages)).toBeLessThanOrEqual(100);
  });

  it("gives every household exactly one head, registered first, all living in one house", () => {
    for (const ledger of data.ledgers) {
      const households = new Map<string, { heads: number; houses: Set<string> }>();
      let next = 1;
      for (const change of ledger.changes) {
        if (change.kind !== "person.register") continue;
        const id =
          "householdId" in change.household
            ? change.household.householdId
            : `hh-${ledger.villageCode}-${String(next++).padStart(6, "0")}`;
        if ("newHousehold" in change.household) expect(change.relation).toBe("head");
        const h = households.get(id) ?? { heads: 0, houses: new Set() };
        if (change.relation === "head") h.heads++;
        h.houses.add(change.residence.houseId);
        households.set(id, h);
      }
      for (const [id, h] of households) {
        expect(h.heads, id).toBe(1);
        expect(h.houses.size, id).toBe(1);
      }
    }
  });

  it("gives every unit a valid, unique unified social credit code of the county", () => {
    const codes = of("unit.create").map((e) => e.change.creditCode!);
    for (const code of codes) {
      expect(isValidCreditCode(code), code).toBe(true);
      expect(code.slice(2, 8)).toBe("440703");
    }
    expect(new Set(codes).size).toBe(codes.length);
    const kinds = new Set(of("unit.create").map((e) => e.change.unitKind));
    expect([...kinds].sort()).toEqual(["enterprise", "key_place", "school", "shop"]);
  });

  it("has houses of every use, rented ones with their landlord", () => {
    const houses = of("house.upsert").map((e) => e.change);
    expect(new Set(houses.map((h) => h.use))).toEqual(
      new Set(["residential", "rented", "vacant", "shop", "office", "factory", "other"]),
    );
    for (const h of houses.filter((h) => h.use === "rented")) expect(h.landlordName && h.landlordPhone).toBeTruthy();
  });

  it("tags care and special groups in realistic shares, each with a reason and a source", () => {
    const tags = of("tag.add").map((e) => e.change);
    const byKind = new Map<string, number>();
    for (const t of tags) byKind.set(t.tagKind, (byKind.get(t.tagKind) ?? 0) + 1);
    for (const kind of ["elderly_alone", "low_income", "disabled", "left_behind_child", "veteran"])
      expect(byKind.get(kind), kind).toBeGreaterThan(0);
    const special = tags.filter((t) =>
      ["community_correction", "released_prisoner", "drug_user", "mental_disorder_risk", "key_youth"].includes(
        t.tagKind,
      ),
    );
    expect(special.length).toBeGreaterThan(0);
    expect(special.length / data.counts.people).toBeLessThan(0.01);
    expect(tags.length).toBe(data.counts.tags);
  });

  it("has visits of the last weeks by the grid's own workers, at points inside that grid, some plans overdue", () => {
    expect(data.visits.length).toBe(data.counts.visits);
    expect(data.counts.overduePlans).toBeGreaterThan(0);
    const known = new Set(all.map((e) => e.id));
    for (const v of data.visits) {
      expect(index.lookup(v.lng, v.lat)).toBe(v.gridCode);
      const worker = city.workers.find((w) => w.id === v.workerId);
      expect(worker?.assignments.some((a) => a.gridCode === v.gridCode)).toBe(true);
      expect(known.has(v.subject.id), v.subject.id).toBe(true);
      expect(v.at.slice(0, 10) < data.asOf).toBe(true);
      expect(v.at.slice(0, 10) >= "2026-10-01").toBe(true);
    }
  });
});
