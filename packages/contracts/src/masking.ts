/**
 * What answers show of personal data whose full value stays encrypted (the roster's workers, the base data's people
 * and units): one set of masks, so every surface hides the same digits.
 */

/** 440703********1234: region and last four, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** 张*, 张*明, 欧阳*娜: the first character (two for names of four or more, double surnames) and the last stay. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return "*";
  const keep = chars.length >= 4 ? 2 : 1;
  if (chars.length === 2) return `${chars[0]}*`;
  return chars.slice(0, keep).join("") + "*".repeat(chars.length - keep - 1) + chars[chars.length - 1];
}
