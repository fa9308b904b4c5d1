/** Case ids: `CASE-<yyyymmdd in Asia/Shanghai>-<10 random base32 characters>` (50 bits: no collisions in practice). */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function newCaseId(
  now: Date,
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
  const suffix = [...random(10)].map((b) => ALPHABET[b & 31]).join("");
  return `CASE-${shanghai}-${suffix}`;
}

/** A resident's follow token: 128 random bits, hex. Only its SHA-256 is stored. */
export function newFollowToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
