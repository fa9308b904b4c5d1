/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence whose last digit is odd for men and even for women, ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** The check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? "?";
}

/** The birth date (YYYY-MM-DD) of an 18-character resident ID number, or null when the date does not exist. */
export function idNumberBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A real birth date and the right check character. */
export function isValidIdNumber(id: string): boolean {
  return idNumberBirthDate(id) !== null && idCheckDigit(id.slice(0, 17)) === id[17];
}

/** The 17th digit is odd for men, even for women. */
export function genderOfId(id: string): "male" | "female" {
  return Number(id[16]) % 2 === 1 ? "male" : "female";
}
