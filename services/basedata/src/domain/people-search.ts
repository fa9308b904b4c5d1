import { divisionLevel, type DivisionLevel } from "@civicgrid/contracts";
import { fieldRefusal, ok, refused, type Outcome } from "./refusal";

/**
 * Where a people search looks: exactly one of a grid, a village, a township or a county. A search over a county with
 * no exact key (ID number, phone, name) would read every village of the county, so it is refused; a township's
 * villages (a few dozen) are read one by one.
 */
export interface SearchScope {
  field: string;
  /** The division the search lies in (a grid's village for a grid). */
  divisionCode: string;
  level: DivisionLevel;
  gridCode?: string;
}

const SCOPES = [
  ["gridCode", "village"],
  ["villageCode", "village"],
  ["townshipCode", "township"],
  ["countyCode", "county"],
] as const;

export function searchScopeOf(
  query: Partial<Record<(typeof SCOPES)[number][0], string>>,
  exactKey: boolean,
): Outcome<SearchScope> {
  const given = SCOPES.filter(([name]) => query[name] !== undefined);
  if (given.length !== 1)
    return refused(
      fieldRefusal("query.villageCode", "name exactly one of gridCode, villageCode, townshipCode or countyCode"),
    );
  const [name, level] = given[0]!;
  const field = `query.${name}`;
  const code = query[name]!;
  if (name === "gridCode") {
    if (!/^\d{15}$/.test(code)) return refused(fieldRefusal(field, "must be a 15-digit grid code"));
    return ok({ field, divisionCode: code.slice(0, 12), level, gridCode: code });
  }
  if (!/^\d{12}$/.test(code) || divisionLevel(code) !== level)
    return refused(fieldRefusal(field, `must be a 12-digit ${level} division code`));
  if (level === "county" && !exactKey)
    return refused(fieldRefusal(field, "a county-wide search names an idNumber, a phone or a name"));
  return ok({ field, divisionCode: code, level });
}
