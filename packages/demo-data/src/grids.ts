/** Grid records: names, types (about 2% dedicated), households, party organisation, phones. */
import type { DivisionRecord } from "./data";
import { gridCode } from "./layout";
import { landline } from "./phones";
import { createRng } from "./random";
import type { Rng } from "./random";
import type { Grid, GridType, UnitKind } from "./types";

/** A grid before its boundary is drawn: everything of `Grid` but the geometry. */
export type GridFacts = Omit<Grid, "geometry" | "center" | "areaKm2">;

/** 白沙社区居委会 → 白沙社区, 东风村委会 → 东风村. */
export function villageShortName(name: string): string {
  return name.replace(/(社区)?(居民委员会|居委会)$/, "社区").replace(/村?(村民委员会|村委会)$/, "村");
}

const townshipStem = (name: string): string => name.replace(/(街道|镇|区|乡)$/, "") || name;

const PRODUCTS = ["五金制品", "水暖卫浴", "摩托车配件", "不锈钢制品", "纺织", "食品", "电器", "造纸", "包装材料"];

function unitFor(rng: Rng, urban: boolean, stem: string): { kind: UnitKind; name: string } {
  const kind = rng.pick<UnitKind>(urban ? ["campus", "office_tower", "park", "campus"] : ["factory", "park", "campus"]);
  const name = {
    campus: () => stem + rng.pick(["第一中学", "中心小学", "职业技术学校", "实验学校", "中学"]),
    park: () => stem + rng.pick(["工业园", "科技产业园", "物流园", "创业园"]),
    factory: () => `江门市${stem}${rng.pick(PRODUCTS)}${rng.pick(["厂", "有限公司"])}`,
    office_tower: () => stem + rng.pick(["商务大厦", "金融中心", "国际大厦", "总部大楼"]),
  }[kind]();
  return { kind, name };
}

function populationOf(rng: Rng, kind: UnitKind | undefined, households: number): number {
  const base = Math.round(households * rng.float(2.3, 3.3));
  if (!kind) return base;
  const staff = { campus: [1500, 12000], park: [800, 6000], factory: [200, 3000], office_tower: [300, 2500] }[kind];
  return base + rng.int(staff[0] ?? 0, staff[1] ?? 0);
}

export function generateGridFacts(
  seed: number,
  villages: readonly DivisionRecord[],
  townships: ReadonlyMap<string, DivisionRecord>,
  counts: ReadonlyMap<string, number>,
): GridFacts[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  // Exactly ~2% dedicated grids, drawn among grids that are not the first of their village.
  const eligible: { code: string; key: number }[] = [];
  for (const v of villages) {
    for (let s = 2; s <= (counts.get(v.code) ?? 1); s++) {
      eligible.push({ code: gridCode(v.code, s), key: createRng(seed, "dedicated", gridCode(v.code, s)).next() });
    }
  }
  eligible.sort((a, b) => a.key - b.key);
  const dedicated = new Set(eligible.slice(0, Math.round(total * 0.02)).map((e) => e.code));

  const out: GridFacts[] = [];
  for (const v of villages) {
    const township = townships.get(v.parentCode);
    const short = villageShortName(v.name);
    const stem = townshipStem(township?.name ?? short);
    for (let s = 1; s <= (counts.get(v.code) ?? 1); s++) {
      const code = gridCode(v.code, s);
      const rng = createRng(seed, "grid", code);
      const unit = dedicated.has(code) ? unitFor(rng, v.urban === true, stem) : undefined;
      const type: GridType = unit ? "dedicated" : v.urban ? "urban" : "rural";
      const households = unit
        ? rng.int(0, 60)
        : v.urban
          ? rng.int(300, 500)
          : Math.round(rng.float(60, 300) * rng.float(1, 3));
      const name = unit ? `${unit.name}专属网格` : `${short}第${s}网格`;
      const org = unit || households >= 400 ? "党支部" : "党小组";
      const facts: GridFacts = {
        code,
        name,
        sequence: s,
        villageCode: v.code,
        townshipCode: v.parentCode,
        countyCode: v.code.slice(0, 6) + "000000",
        type,
        households,
        population: populationOf(rng, unit?.kind, households),
        partyOrganisation: `${unit ? unit.name : `${short}第${s}网格`}${org}`,
        supervisionPhone: landline(rng, "3"),
      };
      if (unit) facts.unit = unit;
      out.push(facts);
    }
  }
  return out;
}
