/**
 * `generateBaseData`: deterministic demo base data (一标三实) for one whole township of the demo city, as ledgers of
 * changes (contracts `Change`) per village in dependency order, and the visits of the grids' workers. Loaded by the
 * service's own API (submissions or a ledger import), so the demo exercises the same rules as real collection.
 */
import type { City, Grid } from "../types";
import type { BaseContext } from "./context";
import type { BaseData, BaseDataCounts, BaseDataOptions } from "./types";
import { villageData } from "./village";

export type * from "./types";

export const DEFAULT_BASEDATA_AS_OF = "2026-11-30";
export const DEFAULT_HOUSEHOLDS_PER_GRID = 12;
/** The demo county, 蓬江区. */
const DEMO_COUNTY = "440703000000";

export function generateBaseData(city: City, options: BaseDataOptions = {}): BaseData {
  const seed = options.seed ?? city.seed;
  const asOf = options.asOf ?? DEFAULT_BASEDATA_AS_OF;
  const townshipCode =
    options.townshipCode ?? city.divisions.find((d) => d.level === "township" && d.parentCode === DEMO_COUNTY)?.code;
  const township = city.divisions.find((d) => d.code === townshipCode && d.level === "township");
  if (!township) throw new Error(`no township ${String(townshipCode)} in the city`);
  const perGrid = options.householdsPerGrid ?? DEFAULT_HOUSEHOLDS_PER_GRID;
  const target = (g: Grid) => (perGrid === "facts" ? g.households : g.type === "dedicated" ? 2 : perGrid);

  const workers = new Map<string, { id: string; sub: string | null }[]>();
  const subs = new Map(city.users.filter((u) => u.workerId).map((u) => [u.workerId, u.sub]));
  for (const w of city.workers) {
    if (w.role === "professional") continue;
    for (const a of w.assignments)
      workers.set(a.gridCode, [...(workers.get(a.gridCode) ?? []), { id: w.id, sub: subs.get(w.id) ?? null }]);
  }
  const ctx: BaseContext = {
    seed,
    asOf,
    county: township.code.slice(0, 6),
    city,
    // Worker ID numbers are taken too: no resident shares a number with a grid worker of the demo city.
    ids: new Set(city.workers.map((w) => w.idNumber)),
    phones: new Set(city.workers.flatMap((w) => [w.mobile, w.workPhone])),
    creditCodes: new Set(),
    passports: new Set(),
    workersOf: (grid) => workers.get(grid) ?? [],
  };
  const only = options.villageCodes ? new Set(options.villageCodes) : null;
  const villages = city.divisions.filter((d) => d.parentCode === township.code && (!only || only.has(d.code)));
  const out = villages.map((v) =>
    villageData(
      ctx,
      v,
      city.grids.filter((g) => g.villageCode === v.code),
      target,
    ),
  );
  const people = out.flatMap((v) => v.people);
  const counts: BaseDataCounts = {
    villages: out.length,
    grids: out.reduce((n, v) => n + v.ledger.gridCodes.length, 0),
    addresses: kinds(out, "address.create"),
    houses: kinds(out, "house.upsert"),
    rentedHouses: out.reduce((n, v) => n + v.rentedHouses, 0),
    households: new Set(people.map((p) => p.householdId)).size,
    people: people.length,
    floating: people.filter((p) => p.personType === "floating").length,
    foreign: people.filter((p) => p.personType === "foreign").length,
    units: out.reduce((n, v) => n + v.units, 0),
    tags: out.reduce((n, v) => n + v.tags, 0),
    visits: out.reduce((n, v) => n + v.visits.length, 0),
    overduePlans: out.reduce((n, v) => n + v.overdue, 0),
  };
  return {
    seed,
    asOf,
    townshipCode: township.code,
    ledgers: out.map((v) => v.ledger),
    visits: out.flatMap((v) => v.visits),
    counts,
  };
}

function kinds(out: readonly { ledger: { changes: { kind: string }[] } }[], kind: string): number {
  return out.reduce((n, v) => n + v.ledger.changes.filter((c) => c.kind === kind).length, 0);
}
