/** What the generators of one township share: the seed, the day, and the sets that keep numbers unique. */
import type { City } from "../types";

export interface BaseContext {
  seed: number;
  asOf: string;
  /** 6-digit county code: the region of registered residents' ID numbers and of the units' credit codes. */
  county: string;
  city: City;
  ids: Set<string>;
  phones: Set<string>;
  creditCodes: Set<string>;
  passports: Set<string>;
  /** The grid's own workers (chief, full-time, part-time) with their logins, who visit its people. */
  workersOf(gridCode: string): { id: string; sub: string | null }[];
}

export type Point = [number, number];

const DAY = 86_400_000;

/** The day `days` before `asOf`, YYYY-MM-DD. */
export function daysBefore(asOf: string, days: number): string {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
}

/** Whole years from `birthDate` to `asOf`. */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split("-").map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** The later of two YYYY-MM-DD days. */
export const later = (a: string, b: string): string => (a > b ? a : b);
