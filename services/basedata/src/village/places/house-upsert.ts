import type { ChangeOf } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import { isRented, landlordRefusal } from "../../domain/places-rules";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeContext, ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { houses, people } from "../schema";
import { activeAddress } from "./place-address";
import { maskPhoneFields, sealPhones, type SealedPhone } from "./seal";

type HouseUpsert = ChangeOf<"house.upsert">;
type Row = typeof houses.$inferSelect;
type Sealed = Record<"ownerPhone" | "landlordPhone", SealedPhone | undefined>;

/** A house's fields as answers and history show them (phones masked). */
export function houseFields(row: Omit<Row, "id" | "version" | "createdAt" | "updatedAt">) {
  const { ownerPhoneSealed: _o, landlordPhoneSealed: _l, ownerPhoneMasked, landlordPhoneMasked, ...rest } = row;
  return { ...rest, ownerPhone: ownerPhoneMasked, landlordPhone: landlordPhoneMasked };
}

/** The row a house.upsert writes: the change replaces every field of the house (a field left out is cleared). */
function rowOf(change: HouseUpsert, sealed: Sealed, gridCode: string | null) {
  return {
    addressId: change.addressId,
    gridCode,
    use: change.use,
    areaM2: change.areaM2 ?? null,
    ownerName: change.ownerName ?? null,
    ownerPhoneSealed: sealed.ownerPhone?.sealed ?? null,
    ownerPhoneMasked: sealed.ownerPhone?.masked ?? null,
    ownerPersonId: change.ownerPersonId ?? null,
    rented: isRented(change),
    landlordName: change.landlordName ?? null,
    landlordPhoneSealed: sealed.landlordPhone?.sealed ?? null,
    landlordPhoneMasked: sealed.landlordPhone?.masked ?? null,
    note: change.note ?? null,
  };
}

function ownerRefusal(ctx: ChangeContext, change: HouseUpsert) {
  if (!change.ownerPersonId) return null;
  const owner = ctx.db.select({ id: people.id }).from(people).where(eq(people.id, change.ownerPersonId)).get();
  return owner ? null : fieldRefusal("body.change.ownerPersonId", `no person ${change.ownerPersonId} in this village`);
}

/**
 * 实有房屋: one house per address (a room, or a whole building), created when the address has none and otherwise
 * updated, so the history keeps what it was before. The address must be active and not a road (a road is no
 * house); the house lies in the address's grid. A rented house (出租屋) names its landlord.
 */
export const houseUpsert: ChangeHandler<"house.upsert", Sealed> = {
  async lookup(ctx, change) {
    const refusal = landlordRefusal(change);
    if (refusal) return refused(refusal);
    return ok(await sealPhones(ctx.keys, { ownerPhone: change.ownerPhone, landlordPhone: change.landlordPhone }));
  },

  check(ctx, change) {
    const address = activeAddress(ctx, change.addressId);
    if (!address.ok) return address;
    if (address.value.level === "road")
      return refused(fieldRefusal("body.change.addressId", "a road is no house: name a door, building, unit or room"));
    const refusal = ownerRefusal(ctx, change);
    if (refusal) return refused(refusal);
    return ok({ gridCode: address.value.gridCode, conflicts: [] });
  },

  apply(ctx, change, sealed, checked, source) {
    const at = ctx.now.toISOString();
    const fields = rowOf(change, sealed, checked.gridCode);
    const before = ctx.db.select().from(houses).where(eq(houses.addressId, change.addressId)).get();
    const id = before?.id ?? nextId(ctx.db, "house", ctx.villageCode);
    if (before)
      ctx.db
        .update(houses)
        .set({ ...fields, version: before.version + 1, updatedAt: at })
        .where(eq(houses.id, id))
        .run();
    else
      ctx.db
        .insert(houses)
        .values({ id, ...fields, createdAt: at, updatedAt: at })
        .run();
    const previous = before ? houseFields(before) : {};
    recordFieldChanges(ctx.db, id, previous, houseFields(fields), { by: ctx.actor.sub, at, source });
    return { recordId: id };
  },

  mask: (change) => maskPhoneFields(change, ["ownerPhone", "landlordPhone"]),
};
