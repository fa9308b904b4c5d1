/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence whose last digit is odd for men and even for women, ISO 7064 MOD 11-2 check character.
 */
import type { Gender } from "./types";
import type { Rng } from "./random";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** The check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? "?";
}

/** The birth date (YYYY-MM-DD) of a well-formed ID number whose date exists, else null. */
export function idBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** True when the number is 18 characters, its birth date exists and its check character is right. */
export function isValidIdNumber(id: string): boolean {
  return idBirthDate(id) !== null && idCheckDigit(id.slice(0, 17)) === id[17];
}

export function genderOfIdNumber(id: string): Gender {
  return Number(id[16]) % 2 === 1 ? "male" : "female";
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
