import { countyOf, townshipOf } from "@civicgrid/contracts";
import { refusal, type Refusal } from "./refusal";

/**
 * 网格编码: the 12-digit code of the grid's village followed by a 3-digit sequence (001-999) that the
 * registry hands out once per village and never again. The code alone names the village, township and county.
 */
export function gridCodeOf(villageCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999)
    throw new RangeError(`grid sequence ${sequence} is outside 1-999`);
  return `${villageCode}${String(sequence).padStart(3, "0")}`;
}

/** The divisions a grid lies in, read from its code. */
export function placeOfGrid(code: string): { villageCode: string; townshipCode: string; countyCode: string } {
  const villageCode = code.slice(0, 12);
  return { villageCode, townshipCode: townshipOf(villageCode) ?? "", countyCode: countyOf(villageCode) };
}

/** The codes most a village hands out (the 3-digit sequence). */
export const MAX_SEQUENCE = 999;

/**
 * Hands out never-used grid codes, continuing each village's highest sequence so far (`last`), and keeps
 * what it handed out so the store can record the codes as used in the same batch as the draft.
 */
export function allocator(last: ReadonlyMap<string, number>) {
  const next = new Map(last);
  const handedOut: { code: string; villageCode: string; sequence: number }[] = [];
  return {
    handedOut,
    next(villageCode: string): string | Refusal {
      const sequence = (next.get(villageCode) ?? 0) + 1;
      if (sequence > MAX_SEQUENCE)
        return refusal("unprocessable", `village ${villageCode} has used all ${MAX_SEQUENCE} grid codes`);
      next.set(villageCode, sequence);
      const code = gridCodeOf(villageCode, sequence);
      handedOut.push({ code, villageCode, sequence });
      return code;
    },
  };
}
