import type { ChangeOf } from "@civicgrid/contracts";
import { fieldRefusal, type Refusal } from "./refusal";

/** A house is rented out (出租屋) when its use says so or the flag is set. */
export function isRented(house: { use: string; rented?: boolean | undefined }): boolean {
  return house.use === "rented" || house.rented === true;
}

/**
 * A rented house names who lets it (出租屋 registration: the landlord answers for the tenants), either by name or as
 * the owner kept among the village's people; otherwise the field to fill is named.
 */
export function landlordRefusal(house: ChangeOf<"house.upsert">): Refusal | null {
  if (!isRented(house) || house.landlordName || house.ownerPersonId) return null;
  return fieldRefusal("body.change.landlordName", "a rented house needs its landlord (landlordName or ownerPersonId)");
}

/** What still hangs on an address about to be retired. */
export interface RetireBlockers {
  activeChildren: number;
  residents: number;
  openUnits: number;
}

/**
 * An address is retired only once nothing lives on it: no active address below it, nobody living in its house, no
 * open unit at it — otherwise the base would hold people and units at an address that no longer exists.
 */
export function retireRefusal(id: string, blockers: RetireBlockers): Refusal | null {
  const reasons = [
    blockers.activeChildren > 0 ? `${blockers.activeChildren} active address(es) below it` : null,
    blockers.residents > 0 ? `${blockers.residents} current resident(s) in its house` : null,
    blockers.openUnits > 0 ? `${blockers.openUnits} open unit(s) at it` : null,
  ].filter((r): r is string => r !== null);
  if (reasons.length === 0) return null;
  const refusal = fieldRefusal("body.change.retired", `${id} cannot be retired: ${reasons.join(", ")}`, "conflict");
  return { ...refusal, extra: { blockers } };
}

/** The calendar day in China (UTC+8) of an instant: residences run by local days. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
