import { divisionAncestors } from "@civicgrid/contracts";

/**
 * 网格编码: the 12-digit code of the grid's village followed by a 3-digit sequence (001-999) that the
 * registry hands out once per village and never again. The code alone names the village, township and county.
 */
export function gridCodeOf(villageCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) throw new RangeError(`grid sequence ${sequence} is outside 1-999`);
  return `${villageCode}${String(sequence).padStart(3, "0")}`;
}

/** The divisions a grid lies in, read from its code. */
export function placeOfGrid(code: string): { villageCode: string; townshipCode: string; countyCode: string } {
  const villageCode = code.slice(0, 12);
  const [townshipCode = "", countyCode = ""] = divisionAncestors(villageCode);
  return { villageCode, townshipCode, countyCode };
}
