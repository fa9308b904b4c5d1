import { z } from "@hono/zod-openapi";

/**
 * Ids of base-data records. Each names its village (the 12-digit division code), so that any id leads straight to
 * the one Durable Object that keeps it (one per village, see services/basedata), and a per-village sequence:
 * `ad-440703001001-000042` is address 42 of 白沙街道 … 社区. Stable for the record's life; never reused.
 */
export const BASEDATA_PREFIXES = {
  address: "ad",
  house: "ho",
  household: "hh",
  person: "pe",
  unit: "un",
  tag: "tg",
  visit: "vi",
  submission: "su",
} as const;
export type BaseDataKind = keyof typeof BASEDATA_PREFIXES;

const idPattern = (prefix: string) => new RegExp(`^${prefix}-\\d{12}-\\d{6,9}$`);

function idSchema(kind: BaseDataKind) {
  const prefix = BASEDATA_PREFIXES[kind];
  return z.string().regex(idPattern(prefix), `must be a ${kind} id like ${prefix}-440703001001-000042`);
}

export const AddressId = idSchema("address");
export const HouseId = idSchema("house");
export const HouseholdId = idSchema("household");
export const PersonId = idSchema("person");
export const UnitId = idSchema("unit");
export const TagId = idSchema("tag");
export const VisitId = idSchema("visit");
export const SubmissionId = idSchema("submission");

/** The id of record `seq` of a kind in a village. */
export function baseDataId(kind: BaseDataKind, villageCode: string, seq: number): string {
  return `${BASEDATA_PREFIXES[kind]}-${villageCode}-${String(seq).padStart(6, "0")}`;
}

/** The village (12-digit code) whose object keeps the record, or null when `id` is no base-data id. */
export function villageOfId(id: string): string | null {
  const m = /^([a-z]{2})-(\d{12})-\d{6,9}$/.exec(id);
  if (!m || !Object.values(BASEDATA_PREFIXES).includes(m[1] as never)) return null;
  return m[2] ?? null;
}

/** The kind of a base-data id, or null. */
export function kindOfId(id: string): BaseDataKind | null {
  const prefix = id.slice(0, 2);
  const entry = Object.entries(BASEDATA_PREFIXES).find(([, p]) => p === prefix);
  return entry && villageOfId(id) ? (entry[0] as BaseDataKind) : null;
}
