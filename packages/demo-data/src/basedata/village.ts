/**
 * One village's base data, grid by grid: addresses and houses (urban communities: estates of rooms; rural villages:
 * door numbers), the households living in them, shops and other units, then the people's tags and the visits.
 */
import type { ChangeOf } from "@civicgrid/contracts";
import { villageShortName } from "../grids";
import { personName } from "../names";
import { createRng, type Rng } from "../random";
import type { Division, Grid } from "../types";
import type { BaseContext } from "./context";
import { LedgerBuilder } from "./ledger";
import { peopleOf, uniquePhone, type DemoPerson, type Home } from "./people";
import { GridPlaces, type Site } from "./places";
import { tagsOf } from "./tags";
import type { DemoVisit, VillageLedger } from "./types";
import { schoolOf, unitsOf, type DemoUnit } from "./units";
import { visitsOf } from "./visits";

export interface VillageData {
  ledger: VillageLedger;
  people: DemoPerson[];
  visits: DemoVisit[];
  overdue: number;
  rentedHouses: number;
  units: number;
  tags: number;
}

/** Shares of homes: rented out (出租屋) more in town, vacant about one in twelve. */
function homeUse(rng: Rng, urban: boolean): "own" | "rented" | "vacant" {
  return (["own", "rented", "vacant"] as const)[rng.weighted(urban ? [62, 30, 8] : [78, 14, 8])]!;
}

/** The house at a home site, its residents, and the owner's name on it (the head of the family living there). */
function home(ctx: BaseContext, rng: Rng, ledger: LedgerBuilder, site: Site, rural: boolean) {
  const use = homeUse(rng, !rural);
  const house: ChangeOf<"house.upsert"> = {
    kind: "house.upsert",
    addressId: site.addressId,
    use: use === "own" ? "residential" : use,
    areaM2: rng.int(rural ? 80 : 45, rural ? 260 : 140),
    rented: use === "rented",
  };
  const houseId = ledger.add(house);
  const where: Home = { houseId, gridCode: site.gridCode, point: site.point, rented: use === "rented", rural };
  const people = use === "vacant" ? [] : peopleOf(ctx, rng, ledger, where);
  const owner = use === "own" ? people[0]?.name : personName(rng, rng.chance(0.6) ? "male" : "female");
  if (owner) house.ownerName = owner;
  if (use === "rented") {
    house.landlordName = owner!;
    house.landlordPhone = uniquePhone(ctx, rng);
  }
  return { where, people };
}

export function villageData(ctx: BaseContext, village: Division, grids: readonly Grid[], target: (g: Grid) => number) {
  const ledger = new LedgerBuilder(
    village.code,
    village.parentCode,
    grids.map((g) => g.code),
  );
  const urban = village.urban === true;
  const short = villageShortName(village.name);
  const stem = short.replace(/(社区|村)$/, "");
  const usedRoads = new Set<string>();
  const people: DemoPerson[] = [];
  const units: DemoUnit[] = [];
  const rented: Home[] = [];
  for (const grid of grids) {
    const rng = createRng(ctx.seed, "basedata", grid.code);
    const places = new GridPlaces(ledger, rng, grid, usedRoads, urban);
    const households = target(grid);
    // Homes: about one household per home, one in twelve vacant; urban homes are rooms of estates.
    const count = Math.ceil(households / 0.92);
    const sites = urban ? places.estate(count) : Array.from({ length: count }, () => places.door());
    for (const site of sites) {
      const made = home(ctx, rng, ledger, site, !urban);
      people.push(...made.people);
      if (made.where.rented) rented.push(made.where);
    }
    units.push(...unitsOf(ctx, rng, ledger, places, stem, households));
    if (grid.sequence === 1 && !grids.some((g) => g.unit?.kind === "campus"))
      units.push(schoolOf(ctx, rng, ledger, places, `江门市${countyName(ctx, village)}${short}小学`));
  }
  const rng = createRng(ctx.seed, "basedata", village.code);
  const tags = tagsOf(ctx, rng, ledger, people);
  const { visits, overdue } = visitsOf(ctx, rng, {
    villageCode: village.code,
    people,
    tags,
    rentedHomes: rented,
    units,
  });
  const data: VillageData = {
    ledger: ledger.finish(),
    people,
    visits,
    overdue,
    rentedHouses: rented.length,
    units: units.length,
    tags: tags.length,
  };
  return data;
}

function countyName(ctx: BaseContext, village: Division): string {
  return ctx.city.divisions.find((d) => d.code === `${village.code.slice(0, 6)}000000`)?.name ?? "";
}
