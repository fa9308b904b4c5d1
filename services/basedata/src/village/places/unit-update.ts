import type { ChangeOf } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeContext, ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { units } from "../schema";
import { activeAddress } from "./place-address";
import { maskPhoneFields } from "./seal";
import { sealUnitPhones, type UnitLooked } from "./unit-create";
import { creditConflicts, enqueueCredit, lookupCredit } from "./unit-credit";
import { unitFields } from "./unit-fields";

type UnitUpdate = ChangeOf<"unit.update">;
type Row = typeof units.$inferSelect;

/** The unit's columns after the change: a field the change leaves out keeps its value. */
function nextOf(row: Row, change: UnitUpdate, looked: UnitLooked) {
  const given = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);
  const { legalRepPhone, safetyContactPhone } = looked.phones;
  return {
    name: given(change.name, row.name),
    unitKind: given(change.unitKind, row.unitKind),
    creditCode: given(change.creditCode, row.creditCode),
    creditHash: looked.credit?.hash ?? row.creditHash,
    addressId: given(change.addressId, row.addressId),
    legalRepName: given(change.legalRepName, row.legalRepName),
    legalRepPhoneSealed: legalRepPhone?.sealed ?? row.legalRepPhoneSealed,
    legalRepPhoneMasked: legalRepPhone?.masked ?? row.legalRepPhoneMasked,
    safetyContactName: given(change.safetyContactName, row.safetyContactName),
    safetyContactPhoneSealed: safetyContactPhone?.sealed ?? row.safetyContactPhoneSealed,
    safetyContactPhoneMasked: safetyContactPhone?.masked ?? row.safetyContactPhoneMasked,
    staffCount: given(change.staffCount, row.staffCount),
    keyPlace: given(change.keyPlace, row.keyPlace),
    status: change.closed === undefined ? row.status : change.closed ? ("closed" as const) : ("open" as const),
  };
}

/** Tells the identity index what the change did to the unit's credit code: the old hash out, the new one in. */
function reindex(ctx: ChangeContext, before: Row, after: Row): void {
  if (before.creditHash && before.creditHash !== after.creditHash) enqueueCredit(ctx, after, before.creditHash, false);
  if (after.creditHash && (after.creditHash !== before.creditHash || after.status !== before.status))
    enqueueCredit(ctx, after, after.creditHash, after.status === "open");
}

/**
 * A change to a unit: its fields, its address (active, in the village), its credit code (validated and kept once,
 * as for a new unit), or its closing (关停注销: the identity index stops answering for its code) and reopening.
 */
export const unitUpdate: ChangeHandler<"unit.update", UnitLooked> = {
  async lookup(ctx, change) {
    const credit = await lookupCredit(ctx, change.creditCode);
    if (!credit.ok) return credit;
    return ok({ credit: credit.value, phones: await sealUnitPhones(ctx, change) });
  },

  check(ctx, change, looked) {
    const row = ctx.db.select().from(units).where(eq(units.id, change.unitId)).get();
    if (!row) return refused(fieldRefusal("body.change.unitId", `no unit ${change.unitId}`));
    const next = nextOf(row, change, looked);
    const address = activeAddress(ctx, next.addressId);
    if (!address.ok) return address;
    const conflicts =
      next.status === "open" && next.creditCode ? creditConflicts(ctx, next.creditCode, looked.credit, row.id) : [];
    return ok({ gridCode: address.value.gridCode, conflicts });
  },

  apply(ctx, change, looked, checked, source) {
    const at = ctx.now.toISOString();
    const before = ctx.db.select().from(units).where(eq(units.id, change.unitId)).get()!;
    const after = ctx.db
      .update(units)
      .set({
        ...nextOf(before, change, looked),
        gridCode: checked.gridCode,
        version: before.version + 1,
        updatedAt: at,
      })
      .where(eq(units.id, before.id))
      .returning()
      .get();
    reindex(ctx, before, after);
    recordFieldChanges(ctx.db, before.id, unitFields(before), unitFields(after), { by: ctx.actor.sub, at, source });
    return { recordId: before.id };
  },

  mask: (change) => maskPhoneFields(change, ["legalRepPhone", "safetyContactPhone"]),
};
