/**
 * Free text typed by a reporter may carry a phone number, an ID number or an e-mail address. Structured
 * personal fields are masked by type; text shown on a public surface (Open311 lists, public case pages,
 * disclosure) goes through this scrub on the way out (Jiangmen 第二十二条: personal data gathered in the
 * work is not disclosed). The stored text is left as typed, for the roles that need it.
 */
const PATTERNS: readonly [RegExp, (match: string) => string][] = [
  // e-mail addresses.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, () => "[邮箱已隐藏]"],
  // 18-digit resident ID numbers (last may be X) and the old 15-digit form.
  [/(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g, maskMiddle],
  [/(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g, maskMiddle],
  // mainland mobile numbers, optionally with +86 and separators.
  [/(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])/g, maskMiddle],
  // landlines: area code 0xx(x) then 7-8 digits, with or without a separator.
  [/(?<![0-9])0\d{2,3}[ -]?\d{7,8}(?![0-9])/g, maskMiddle],
];

function maskMiddle(match: string): string {
  const digits = match.replace(/[^0-9Xx]/g, "");
  return `${digits.slice(0, 3)}${"*".repeat(Math.max(digits.length - 5, 3))}${digits.slice(-2)}`;
}

/** The text with phone numbers, ID numbers and e-mail addresses masked; null stays null. */
export function scrubPublicText<T extends string | null | undefined>(text: T): T {
  if (typeof text !== "string") return text;
  let out: string = text;
  for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
  return out as T;
}
