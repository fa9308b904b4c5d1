import { z } from "@hono/zod-openapi";

/** 12-digit statistical division code (统计用区划代码), e.g. 440703000000 for 蓬江区. */
export const DivisionCode = z
  .string()
  .regex(/^\d{12}$/, "must be a 12-digit statistical division code")
  .openapi({ example: "440703000000" });
export type DivisionCode = z.infer<typeof DivisionCode>;

export const DivisionLevel = z.enum(["province", "city", "county", "township", "village"]);
export type DivisionLevel = z.infer<typeof DivisionLevel>;

/** Significant prefix lengths of a code at each level: 44 | 4407 | 440703 | 440703001 | 440703001001. */
const LEVELS: readonly [DivisionLevel, number][] = [
  ["province", 2],
  ["city", 4],
  ["county", 6],
  ["township", 9],
  ["village", 12],
];

/** The level of a code, read from which trailing digit groups are zero. */
export function divisionLevel(code: string): DivisionLevel {
  for (const [level, length] of LEVELS) {
    if (/^0*$/.test(code.slice(length))) return level;
  }
  return "village";
}

/** The digits that every code inside this division's subtree starts with. */
export function divisionPrefix(code: string): string {
  const level = divisionLevel(code);
  const length = LEVELS.find(([l]) => l === level)?.[1] ?? 12;
  return code.slice(0, length);
}

/** The county (区县) a division at county level or below lies in, as a 12-digit code: 440703001001 → 440703000000 */
export function countyOf(code: string): string {
  return `${code.slice(0, 6)}000000`;
}

/** The township (乡镇街道) a village or township lies in, as a 12-digit code; none for a county or above. */
export function townshipOf(code: string): string | undefined {
  const level = divisionLevel(code);
  return level === "township" || level === "village" ? `${code.slice(0, 9)}000` : undefined;
}

/** True when `code` lies in the subtree rooted at `ancestor` (a division is within itself). */
export function isWithinDivision(code: string, ancestor: string): boolean {
  return code.startsWith(divisionPrefix(ancestor));
}

/** Codes of the ancestors of a division, nearest first (a village's township, county, city, province). */
export function divisionAncestors(code: string): string[] {
  const own = LEVELS.findIndex(([l]) => l === divisionLevel(code));
  const out: string[] = [];
  for (let i = own - 1; i >= 0; i--) {
    const length = LEVELS[i]![1];
    out.push(code.slice(0, length).padEnd(12, "0"));
  }
  return out;
}
