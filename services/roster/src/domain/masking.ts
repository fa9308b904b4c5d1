/** What a worker's answers show of their ID number and private phone (the full values stay encrypted). */

/** 440703********1234: region and last four, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}
