import type { ChangeOf, Conflict, PointLocation } from "@civicgrid/contracts";
import { and, count, eq, gte, isNull, or } from "drizzle-orm";
import { LOCATED_LEVELS } from "../../domain/address-levels";
import { addressKey } from "../../domain/normalise";
import { chinaDay, retireRefusal } from "../../domain/places-rules";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeContext, ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { addresses, houses, residences, units } from "../schema";
import { followBelow, renameBelow, type AddressRow } from "./address-tree";
import { locateInVillage } from "./locate";
import { addressConflicts } from "./place-address";

type AddressUpdate = ChangeOf<"address.update">;

/** The address as it will be after the change (name, key, point, grid, status), before anything is written. */
function proposed(ctx: ChangeContext, row: AddressRow, change: AddressUpdate, located: PointLocation | null) {
  const parent = row.parentId ? ctx.db.select().from(addresses).where(eq(addresses.id, row.parentId)).get() : null;
  const name = change.name ?? row.name;
  const status: AddressRow["status"] =
    change.retired === undefined ? row.status : change.retired ? "retired" : "active";
  return {
    parent,
    name,
    fullName: (parent?.fullName ?? "") + name,
    normKey: addressKey(parent?.normKey ?? null, name),
    lng: located ? change.lng! : row.lng,
    lat: located ? change.lat! : row.lat,
    gridCode: located?.gridCode ?? row.gridCode,
    status,
  };
}

/** What still hangs on an address (see domain/places-rules.ts retireRefusal). */
function blockersOf(ctx: ChangeContext, id: string) {
  const today = chinaDay(ctx.now);
  const [children] = ctx.db
    .select({ n: count() })
    .from(addresses)
    .where(and(eq(addresses.parentId, id), eq(addresses.status, "active")))
    .all();
  const [residents] = ctx.db
    .select({ n: count() })
    .from(residences)
    .innerJoin(houses, eq(houses.id, residences.houseId))
    .where(and(eq(houses.addressId, id), or(isNull(residences.until), gte(residences.until, today))))
    .all();
  const [open] = ctx.db
    .select({ n: count() })
    .from(units)
    .where(and(eq(units.addressId, id), eq(units.status, "open")))
    .all();
  return { activeChildren: children?.n ?? 0, residents: residents?.n ?? 0, openUnits: open?.n ?? 0 };
}

/**
 * A change to a standard address: a rename (the whole subtree takes the new full name and key; a name that makes it
 * the same as another active address is a blocking duplicate), a new point for a door or building (located again
 * through the registry, inside the village; what lies below without its own point follows), or its retirement
 * (refused while anything still hangs on it). A retired address changes no more, unless it is made active again.
 */
export const addressUpdate: ChangeHandler<"address.update", PointLocation | null> = {
  async lookup(ctx, change) {
    if (change.lng === undefined && change.lat === undefined) return ok(null);
    if (change.lng === undefined || change.lat === undefined)
      return refused(
        fieldRefusal(change.lng === undefined ? "body.change.lng" : "body.change.lat", "a point needs lng and lat"),
      );
    return locateInVillage(ctx, change.lng, change.lat, "body.change.lng");
  },

  check(ctx, change, located) {
    const row = ctx.db.select().from(addresses).where(eq(addresses.id, change.addressId)).get();
    if (!row) return refused(fieldRefusal("body.change.addressId", `no address ${change.addressId}`));
    if (change.name === undefined && located === null && change.retired === undefined)
      return refused(fieldRefusal("body.change", "names nothing to change (name, lng and lat, or retired)"));
    if (located && !LOCATED_LEVELS.includes(row.level))
      return refused(
        fieldRefusal("body.change.lng", `a ${row.level} has no point of its own: it lies at its parent's`),
      );
    const next = proposed(ctx, row, change, located);
    if (row.status === "active" && next.status === "retired") {
      const refusal = retireRefusal(row.id, blockersOf(ctx, row.id));
      if (refusal) return refused(refusal);
    }
    const conflicts: Conflict[] = [];
    if (row.status === "retired" && change.retired !== false)
      conflicts.push({
        code: "address_retired",
        message: `${row.id} is retired`,
        recordId: row.id,
        blocking: true,
      });
    if (next.status === "active") conflicts.push(...addressConflicts(ctx, next.parent, next.normKey, row.id));
    return ok({ gridCode: next.gridCode, conflicts });
  },

  apply(ctx, change, located, _checked, source) {
    const row = ctx.db.select().from(addresses).where(eq(addresses.id, change.addressId)).get()!;
    const { parent: _parent, ...next } = proposed(ctx, row, change, located);
    const at = ctx.now.toISOString();
    const updated = ctx.db
      .update(addresses)
      .set({ ...next, version: row.version + 1, updatedAt: at })
      .where(eq(addresses.id, row.id))
      .returning()
      .get();
    if (updated.normKey !== row.normKey) renameBelow(ctx.db, updated, at);
    if (located) followBelow(ctx.db, updated, at);
    const fields = (r: AddressRow) => ({
      name: r.name,
      gridCode: r.gridCode,
      lng: r.lng,
      lat: r.lat,
      status: r.status,
    });
    recordFieldChanges(ctx.db, row.id, fields(row), fields(updated), { by: ctx.actor.sub, at, source });
    return { recordId: row.id };
  },

  mask: (change) => ({ ...change }),
};
