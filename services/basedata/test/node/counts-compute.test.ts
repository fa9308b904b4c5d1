import { describe, expect, it } from "vitest";
import { countGrids, population, type CountInput } from "../../src/domain/counts-compute";

const G1 = "440703001001001";
const G2 = "440703001001002";
const person = (id: string, gridCode: string | null, extra: Partial<CountInput["people"][number]> = {}) => ({
  id,
  gridCode,
  personType: "registered" as const,
  status: "present",
  householdId: null,
  ...extra,
});
const input = (over: Partial<CountInput>): CountInput => ({
  people: [],
  households: [],
  houses: [],
  units: [],
  tags: [],
  today: "2026-12-01",
  ...over,
});

describe("counts per grid (底数)", () => {
  it("counts people present by type, never those who moved out, died or were anonymised, nor those without a grid", () => {
    const grids = countGrids(
      input({
        people: [
          person("p1", G1),
          person("p2", G1, { personType: "floating" }),
          person("p3", G2, { personType: "foreign" }),
          person("p4", G1, { status: "moved_out" }),
          person("p5", G1, { status: "deceased" }),
          person("p6", G1, { status: "anonymised" }),
          person("p7", null),
        ],
      }),
    );
    expect(grids.get(G1)).toMatchObject({ registered: 1, floating: 1, foreign: 0 });
    expect(population(grids.get(G2)!)).toBe(1);
  });

  it("counts a household once, in its head's grid, else its first present member's, and not once all have left", () => {
    const grids = countGrids(
      input({
        people: [
          person("p1", G1, { householdId: "h1" }),
          person("p2", G2, { householdId: "h1" }),
          person("p3", G2, { householdId: "h2" }),
          person("p4", G1, { householdId: "h3", status: "moved_out" }),
        ],
        households: [
          { id: "h1", headPersonId: "p1" },
          { id: "h2", headPersonId: "p9" },
          { id: "h3", headPersonId: "p4" },
        ],
      }),
    );
    expect(grids.get(G1)!.households).toBe(1);
    expect(grids.get(G2)!.households).toBe(1);
  });

  it("counts houses, rented houses (marked or used as rented) and open units", () => {
    const grids = countGrids(
      input({
        houses: [
          { gridCode: G1, use: "residential", rented: true },
          { gridCode: G1, use: "rented", rented: false },
          { gridCode: G1, use: "shop", rented: false },
          { gridCode: null, use: "rented", rented: true },
        ],
        units: [
          { gridCode: G1, status: "open" },
          { gridCode: G1, status: "closed" },
        ],
      }),
    );
    expect(grids.get(G1)).toMatchObject({ houses: 3, rentedHouses: 2, units: 1 });
  });

  it("counts a present person once per tag kind they hold today; ended tags and people gone do not count", () => {
    const grids = countGrids(
      input({
        people: [person("p1", G1), person("p2", G1, { status: "moved_out" })],
        tags: [
          { personId: "p1", kind: "elderly_alone", end: null },
          { personId: "p1", kind: "elderly_alone", end: "2027-01-01" },
          { personId: "p1", kind: "low_income", end: "2026-12-01" },
          { personId: "p2", kind: "disabled", end: null },
        ],
      }),
    );
    expect(grids.get(G1)!.tagged).toEqual({ elderly_alone: 1 });
  });
});
