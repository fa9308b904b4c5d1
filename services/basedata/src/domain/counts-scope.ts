import { TAG_KINDS, divisionLevel, divisionPrefix, type CountFigures, type CountsBy } from "@civicgrid/contracts";
import { fieldRefusal, ok, refused, type Outcome } from "./refusal";

export type CountLevel = "grid" | "village" | "township" | "county" | "city" | "province";

/** What a counts query sums: a grid (gridCode=) or a division (divisionCode=), exactly one of them. */
export function countTarget(query: {
  divisionCode?: string | undefined;
  gridCode?: string | undefined;
}): Outcome<{ level: CountLevel; code: string; prefix: string }> {
  if (query.gridCode && query.divisionCode)
    return refused(fieldRefusal("query.gridCode", "ask for a grid or a division, not both"));
  if (query.gridCode) return ok({ level: "grid", code: query.gridCode, prefix: query.gridCode });
  if (!query.divisionCode)
    return refused(fieldRefusal("query.divisionCode", "name a division (or a grid in gridCode)"));
  const code = query.divisionCode;
  return ok({ level: divisionLevel(code), code, prefix: divisionPrefix(code) });
}

const DEPTH: Record<CountLevel | CountsBy, number> = {
  province: 0,
  city: 1,
  county: 2,
  township: 3,
  village: 4,
  grid: 5,
};

/** A breakdown must be by a level below the one asked for (a county by township, village or grid). */
export function breakdownRefusal(level: CountLevel, by: CountsBy | undefined) {
  if (!by || DEPTH[by] > DEPTH[level]) return null;
  return fieldRefusal("query.by", `a ${level} breaks down by a finer level than ${by}`);
}

/** The tag kinds a department of this kind owns (TagKind.ownerDepartmentKind), e.g. 司法行政 → 社区矫正, 刑满释放. */
export const kindsOwnedBy = (departmentKind: string | undefined): string[] =>
  TAG_KINDS.filter((k) => k.ownerDepartmentKind === departmentKind).map((k) => k.code);

/**
 * What a department sees of counts: only the people tagged with the kinds it owns (and how many grids and as of
 * when); the other figures are the agencies' and grid workers' (the plan's rule: a department reads only people
 * tagged with a kind it owns, so its counts are those too).
 */
export function taggedOnly<T extends CountFigures>(figures: T, kinds: readonly string[]): CountFigures {
  const tagged = Object.fromEntries(kinds.map((k) => [k, figures.tagged[k] ?? 0]));
  return { tagged, grids: figures.grids, asOf: figures.asOf };
}
