import type { ChangeOf, Conflict } from "@civicgrid/contracts";
import { and, eq } from "drizzle-orm";
import { LOCATED_LEVELS, PARENT_LEVELS } from "../../domain/address-levels";
import { addressKey } from "../../domain/normalise";
import { fieldRefusal, ok, refused } from "../../domain/refusal";
import type { ChangeContext, ChangeHandler } from "../changes/types";
import { recordFieldChanges } from "../history";
import { nextId } from "../ids";
import { addresses } from "../schema";
import { locateInVillage } from "./locate";

type AddressCreate = ChangeOf<"address.create">;
interface Data {
  normKey: string;
  fullName: string;
  lng: number | null;
  lat: number | null;
}

/**
 * A new standard address (标准地址) under its parent. A door number or building is placed in a grid by its point
 * (through the registry); a unit or room takes its parent's grid and point; a road has none. The same address
 * entered twice (same normalised path) is a blocking duplicate that names the address already kept.
 */
export const addressCreate: ChangeHandler<"address.create", Data> = {
  async prepare(ctx: ChangeContext, change: AddressCreate) {
    const parent = change.parentId
      ? ctx.db.select().from(addresses).where(eq(addresses.id, change.parentId)).get()
      : undefined;
    const allowed = PARENT_LEVELS[change.level];
    if (allowed.length === 0 && change.parentId)
      return refused(fieldRefusal("body.change.parentId", `a ${change.level} has no parent address`));
    if (allowed.length > 0) {
      if (!change.parentId)
        return refused(fieldRefusal("body.change.parentId", `a ${change.level} hangs under a ${allowed.join(" or ")}`));
      if (!parent) return refused(fieldRefusal("body.change.parentId", `no address ${change.parentId}`));
      if (!allowed.includes(parent.level))
        return refused(fieldRefusal("body.change.parentId", `a ${change.level} cannot hang under a ${parent.level}`));
    }
    let gridCode = parent?.gridCode ?? null;
    let [lng, lat] = [parent?.lng ?? null, parent?.lat ?? null];
    if (LOCATED_LEVELS.includes(change.level)) {
      if (change.lng === undefined || change.lat === undefined)
        return refused(fieldRefusal("body.change.lng", `a ${change.level} needs its point (lng and lat)`));
      const located = await locateInVillage(ctx, change.lng, change.lat, "body.change.lng");
      if (!located.ok) return located;
      [gridCode, lng, lat] = [located.value.gridCode, change.lng, change.lat];
    }
    const normKey = addressKey(parent?.normKey ?? null, change.name);
    const conflicts: Conflict[] = [];
    if (parent?.status === "retired")
      conflicts.push({
        code: "address_retired",
        message: `the parent address ${parent.id} is retired`,
        recordId: parent.id,
        blocking: true,
      });
    const same = ctx.db
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.normKey, normKey), eq(addresses.status, "active")))
      .get();
    if (same)
      conflicts.push({
        code: "duplicate_address",
        message: `this address is already kept as ${same.id}`,
        recordId: same.id,
        blocking: true,
      });
    const fullName = (parent?.fullName ?? "") + change.name;
    return ok({ gridCode, conflicts, data: { normKey, fullName, lng, lat } });
  },

  apply(ctx, change, prepared, source) {
    const id = nextId(ctx.db, "address", ctx.villageCode);
    const at = ctx.now.toISOString();
    const row = {
      id,
      parentId: change.parentId ?? null,
      level: change.level,
      name: change.name,
      fullName: prepared.data.fullName,
      normKey: prepared.data.normKey,
      gridCode: prepared.gridCode,
      lng: prepared.data.lng,
      lat: prepared.data.lat,
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
