/**
 * Units (实有单位) of a grid: shops at their shop houses, enterprises, key places (重点场所), a school, and the unit a
 * dedicated grid serves. Each has a unified social credit code with a valid check character (GB 32100), a legal
 * representative and a safety contact (the person the grid worker calls about a hazard), and its staff count.
 */
import type { ChangeOf } from "@civicgrid/contracts";
import { personName } from "../names";
import type { Rng } from "../random";
import type { UnitKind } from "../types";
import { makeCreditCode } from "./codes";
import type { BaseContext } from "./context";
import type { LedgerBuilder } from "./ledger";
import { uniquePhone } from "./people";
import type { GridPlaces, Site } from "./places";

type UnitCreate = ChangeOf<"unit.create">;
type HouseUse = ChangeOf<"house.upsert">["use"];

export interface DemoUnit {
  unitId: string;
  houseId: string;
  gridCode: string;
  site: Site;
  keyPlace: boolean;
}

const SHOPS = [
  "便利店",
  "五金店",
  "茶餐厅",
  "理发店",
  "药店",
  "水果店",
  "粮油店",
  "快餐店",
  "手机维修店",
  "服装店",
  "烧腊店",
];
const KEY_PLACES = [
  { name: "农贸市场", use: "shop", kind: "enterprise", staff: [20, 80] },
  { name: "加油站", use: "shop", kind: "enterprise", staff: [8, 20] },
  { name: "网吧", use: "shop", kind: "enterprise", staff: [3, 10] },
  { name: "宾馆", use: "shop", kind: "enterprise", staff: [6, 30] },
] as const;
const TRADES = ["五金制品", "电子", "水暖卫浴", "纺织", "食品", "包装材料", "机电设备", "贸易", "物业管理"];

function people(ctx: BaseContext, rng: Rng) {
  const legal = personName(rng, rng.chance(0.7) ? "male" : "female");
  const safety = rng.chance(0.6) ? legal : personName(rng, rng.chance(0.5) ? "male" : "female");
  return {
    legalRepName: legal,
    legalRepPhone: uniquePhone(ctx, rng),
    safetyContactName: safety,
    safetyContactPhone: uniquePhone(ctx, rng),
  };
}

/** The house at `site` and the unit in it; answers the unit. */
function unitAt(
  ctx: BaseContext,
  rng: Rng,
  ledger: LedgerBuilder,
  site: Site,
  use: HouseUse,
  unit: Omit<UnitCreate, "kind" | "addressId" | "keyPlace"> & { keyPlace?: boolean },
): DemoUnit {
  // Most shops and small firms rent their premises (出租屋 with a landlord, the worker's contact for the house).
  const rented = rng.chance(0.7);
  const houseId = ledger.add({
    kind: "house.upsert",
    addressId: site.addressId,
    use,
    rented,
    ...(rented ? { landlordName: personName(rng, "male"), landlordPhone: uniquePhone(ctx, rng) } : {}),
  });
  const unitId = ledger.add({ kind: "unit.create", addressId: site.addressId, keyPlace: false, ...unit });
  return { unitId, houseId, gridCode: site.gridCode, site, keyPlace: unit.keyPlace ?? false };
}

/** The units of one grid with `households` households: about one shop per 25 households, and so on. */
export function unitsOf(
  ctx: BaseContext,
  rng: Rng,
  ledger: LedgerBuilder,
  places: GridPlaces,
  stem: string,
  households: number,
): DemoUnit[] {
  const out: DemoUnit[] = [];
  const grid = places.grid;
  for (let i = 0; i < Math.max(1, Math.round(households / 25)); i++) {
    const sole = rng.chance(0.8);
    out.push(
      unitAt(ctx, rng, ledger, places.door(), "shop", {
        name: `${stem}${rng.pick(SHOPS)}`,
        unitKind: "shop",
        creditCode: makeCreditCode(rng, sole ? "sole_trader" : "enterprise", ctx.county, ctx.creditCodes),
        staffCount: rng.int(1, 8),
        ...people(ctx, rng),
      }),
    );
  }
  for (let i = 0; i < Math.round(households / 60 + rng.next()); i++) {
    const factory = grid.type === "rural";
    out.push(
      unitAt(ctx, rng, ledger, places.door(), factory ? "factory" : "office", {
        name: `江门市${stem}${rng.pick(TRADES)}有限公司`,
        unitKind: "enterprise",
        creditCode: makeCreditCode(rng, "enterprise", ctx.county, ctx.creditCodes),
        staffCount: factory ? rng.int(15, 300) : rng.int(3, 60),
        ...people(ctx, rng),
      }),
    );
  }
  if (rng.chance(Math.min(0.6, households / 150))) {
    const place = rng.pick(KEY_PLACES);
    out.push(
      unitAt(ctx, rng, ledger, places.door(), place.use, {
        name: `${stem}${place.name}`,
        unitKind: "key_place",
        creditCode: makeCreditCode(rng, place.kind, ctx.county, ctx.creditCodes),
        staffCount: rng.int(place.staff[0], place.staff[1]),
        keyPlace: true,
        ...people(ctx, rng),
      }),
    );
  }
  if (grid.unit) out.push(dedicated(ctx, rng, ledger, places, grid.unit));
  return out;
}

const DEDICATED: Record<UnitKind, { unitKind: UnitCreate["unitKind"]; use: HouseUse; staff: [number, number] }> = {
  campus: { unitKind: "school", use: "other", staff: [80, 400] },
  park: { unitKind: "enterprise", use: "factory", staff: [300, 3000] },
  factory: { unitKind: "enterprise", use: "factory", staff: [200, 2000] },
  office_tower: { unitKind: "enterprise", use: "office", staff: [100, 1500] },
};

/** The unit a dedicated grid (专属网格) serves: a school is a public institution (事业单位, code 12…), a key place. */
function dedicated(
  ctx: BaseContext,
  rng: Rng,
  ledger: LedgerBuilder,
  places: GridPlaces,
  unit: NonNullable<GridPlaces["grid"]["unit"]>,
) {
  const spec = DEDICATED[unit.kind];
  return unitAt(ctx, rng, ledger, places.door(), spec.use, {
    name: unit.name,
    unitKind: spec.unitKind,
    creditCode: makeCreditCode(
      rng,
      spec.unitKind === "school" ? "public_institution" : "enterprise",
      ctx.county,
      ctx.creditCodes,
    ),
    staffCount: rng.int(spec.staff[0], spec.staff[1]),
    keyPlace: true,
    ...people(ctx, rng),
  });
}

/** A village's primary school (小学), a public institution and a key place; `name` is its full name. */
export function schoolOf(ctx: BaseContext, rng: Rng, ledger: LedgerBuilder, places: GridPlaces, name: string) {
  return unitAt(ctx, rng, ledger, places.door(), "other", {
    name,
    unitKind: "school",
    creditCode: makeCreditCode(rng, "public_institution", ctx.county, ctx.creditCodes),
    staffCount: rng.int(25, 90),
    keyPlace: true,
    ...people(ctx, rng),
  });
}
