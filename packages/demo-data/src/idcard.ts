/** Making resident ID numbers (GB 11643-1999) for demo people. */
import { genderOfId, idCheckDigit } from "@civicgrid/contracts";
import type { Gender } from "./types";
import type { Rng } from "./random";

/** The ID-number rules live with the contracts; the generator only makes numbers that obey them. */
export { idCheckDigit, idNumberBirthDate as idBirthDate, isValidIdNumber } from "@civicgrid/contracts";

export function genderOfIdNumber(id: string): Gender {
  return genderOfId(id);
}

/**
 * A new ID number for someone registered in `region` (6 digits), aged between minAge and maxAge
 * on `asOf` (YYYY-MM-DD). `taken` guards against duplicates and is updated.
 */
export function makeIdNumber(
  rng: Rng,
  region: string,
  gender: Gender,
  asOf: string,
  taken: Set<string>,
  minAge = 22,
  maxAge = 60,
): { idNumber: string; birthDate: string } {
  const ref = Date.parse(`${asOf}T00:00:00Z`);
  const day = 86_400_000;
  for (;;) {
    // born after (asOf - (maxAge+1) years) and on or before (asOf - minAge years)
    const oldest = ref - (maxAge + 1) * 365.2425 * day + 2 * day;
    const youngest = ref - minAge * 365.2425 * day - 2 * day;
    const birth = new Date(oldest + Math.floor(rng.next() * ((youngest - oldest) / day)) * day);
    const date = birth.toISOString().slice(0, 10);
    const seq = rng.int(0, 99) * 10 + (gender === "male" ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
    const first17 = region + date.replaceAll("-", "") + String(seq).padStart(3, "0");
    const idNumber = first17 + idCheckDigit(first17);
    if (!taken.has(idNumber)) {
      taken.add(idNumber);
      return { idNumber, birthDate: date };
    }
  }
}
