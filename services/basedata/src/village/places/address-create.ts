import type { ChangeOf, PointLocation } from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import { LOCATED_LEVELS, PARENT_LEVELS } from "../../domain/address-levels";
import { addressKey } from "../../domain/normalise";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { addresses } from "../schema";
import { locateInVillage } from "./locate";
import { addressConflicts } from "./place-address";

type AddressCreate = ChangeOf<"address.create">;
type Row = typeof addresses.$inferSelect;

/** The parent of a new address, refused unless the level may hang under it. */
function parentOf(db: Parameters<ChangeHandler<"address.create">["check"]>[0]["db"], change: AddressCreate) {
  const allowed = PARENT_LEVELS[change.level];
  if (allowed.length === 0)
    return change.parentId
      ? refused(fieldRefusal("body.change.parentId", `a ${change.level} has no parent address`))
      : ok<Row | null>(null);
  if (!change.parentId)
    return refused(fieldRefusal("body.change.parentId", `a ${change.level} hangs under a ${allowed.join(" or ")}`));
  const parent = db.select().from(addresses).where(eq(addresses.id, change.parentId)).get();
  if (!parent) return refused(fieldRefusal("body.change.parentId", `no address ${change.parentId}`));
  if (!allowed.includes(parent.level))
    return refused(fieldRefusal("body.change.parentId", `a ${change.level} cannot hang under a ${parent.level}`));
  return ok<Row | null>(parent);
}

/**
 * A new standard address (标准地址) under its parent. A door number or building is placed in a grid by its point
 * (through the registry); a unit or room takes its parent's grid and point; a road has none. The same address
 * entered twice (same normalised path) is a blocking duplicate that names the address already kept.
 */
export const addressCreate: ChangeHandler<"address.create", PointLocation | null> = {
  async lookup(ctx, change) {
    if (!LOCATED_LEVELS.includes(change.level)) return ok(null);
    if (change.lng === undefined || change.lat === undefined)
      return refused(fieldRefusal("body.change.lng", `a ${change.level} needs its point (lng and lat)`));
    return locateInVillage(ctx, change.lng, change.lat, "body.change.lng");
  },

  check(ctx, change, located) {
    const parent = parentOf(ctx.db, change);
    if (!parent.ok) return parent;
    const normKey = addressKey(parent.value?.normKey ?? null, change.name);
    const conflicts = addressConflicts(ctx, parent.value, normKey, null);
    return ok({ gridCode: located?.gridCode ?? parent.value?.gridCode ?? null, conflicts });
  },

  apply(ctx, change, located, checked, source) {
    const parent = change.parentId
      ? ctx.db.select().from(addresses).where(eq(addresses.id, change.parentId)).get()
      : undefined;
    const id = nextId(ctx.db, "address", ctx.villageCode);
    const at = ctx.now.toISOString();
    const row = {
      id,
      parentId: change.parentId ?? null,
      level: change.level,
      name: change.name,
      fullName: (parent?.fullName ?? "") + change.name,
      normKey: addressKey(parent?.normKey ?? null, change.name),
      gridCode: checked.gridCode,
      lng: located ? change.lng! : (parent?.lng ?? null),
      lat: located ? change.lat! : (parent?.lat ?? null),
      createdAt: at,
      updatedAt: at,
    };
    ctx.db.insert(addresses).values(row).run();
    const { parentId, level, name, gridCode, lng, lat } = row;
    recordFieldChanges(
      ctx.db,
      id,
      {},
      { parentId, level, name, gridCode, lng, lat },
      { by: ctx.actor.sub, at, source },
    );
    return { recordId: id };
  },

  mask: (change) => ({ ...change }),
};
