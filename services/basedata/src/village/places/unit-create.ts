import { ok } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { units } from "../schema";
import { activeAddress } from "./place-address";
import { maskPhoneFields, sealPhones, type SealedPhone } from "./seal";
import { creditConflicts, enqueueCredit, lookupCredit, type CreditLooked } from "./unit-credit";
import { unitFields } from "./unit-fields";

export type UnitPhones = Record<"legalRepPhone" | "safetyContactPhone", SealedPhone | undefined>;
export interface UnitLooked {
  credit: CreditLooked | null;
  phones: UnitPhones;
}

/** The phones of a unit change, sealed (see seal.ts). */
export function sealUnitPhones(
  ctx: Parameters<typeof lookupCredit>[0],
  change: { legalRepPhone?: string | undefined; safetyContactPhone?: string | undefined },
) {
  return sealPhones(ctx.keys, { legalRepPhone: change.legalRepPhone, safetyContactPhone: change.safetyContactPhone });
}

/**
 * 实有单位: a new enterprise, shop, social organisation, school or key place at an active address of the village,
 * in the address's grid. Its credit code is validated (GB 32100) and kept once: the same code on an open unit of
 * this village or of another (the identity index) is a blocking conflict.
 */
export const unitCreate: ChangeHandler<"unit.create", UnitLooked> = {
  async lookup(ctx, change) {
    const credit = await lookupCredit(ctx, change.creditCode);
    if (!credit.ok) return credit;
    return ok({ credit: credit.value, phones: await sealUnitPhones(ctx, change) });
  },

  check(ctx, change, looked) {
    const address = activeAddress(ctx, change.addressId);
    if (!address.ok) return address;
    const conflicts = change.creditCode ? creditConflicts(ctx, change.creditCode, looked.credit, null) : [];
    return ok({ gridCode: address.value.gridCode, conflicts });
  },

  apply(ctx, change, looked, checked, source) {
    const at = ctx.now.toISOString();
    const id = nextId(ctx.db, "unit", ctx.villageCode);
    const row = ctx.db
      .insert(units)
      .values({
        id,
        name: change.name,
        unitKind: change.unitKind,
        creditCode: change.creditCode ?? null,
        creditHash: looked.credit?.hash ?? null,
        addressId: change.addressId,
        gridCode: checked.gridCode,
        legalRepName: change.legalRepName ?? null,
        legalRepPhoneSealed: looked.phones.legalRepPhone?.sealed ?? null,
        legalRepPhoneMasked: looked.phones.legalRepPhone?.masked ?? null,
        safetyContactName: change.safetyContactName ?? null,
        safetyContactPhoneSealed: looked.phones.safetyContactPhone?.sealed ?? null,
        safetyContactPhoneMasked: looked.phones.safetyContactPhone?.masked ?? null,
        staffCount: change.staffCount ?? null,
        keyPlace: change.keyPlace,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    if (row.creditHash) enqueueCredit(ctx, row, row.creditHash, true);
    recordFieldChanges(ctx.db, id, {}, unitFields(row), { by: ctx.actor.sub, at, source });
    return { recordId: id };
  },

  mask: (change) => maskPhoneFields(change, ["legalRepPhone", "safetyContactPhone"]),
};
