import { eq, inArray } from "drizzle-orm";
import { LOCATED_LEVELS } from "../../domain/address-levels";
import { addressKey } from "../../domain/normalise";
import type { VillageDb } from "../db";
import { addresses, houses, units } from "../schema";

export type AddressRow = typeof addresses.$inferSelect;

/**
 * The addresses under `rootId`, level by level, parents before their children (a tree is at most four levels deep
 * below a road); `follow` decides which children are walked into.
 */
export function descendantsOf(
  db: VillageDb,
  rootId: string,
  follow: (row: AddressRow) => boolean = () => true,
): AddressRow[] {
  const out: AddressRow[] = [];
  let frontier = [rootId];
  while (frontier.length > 0) {
    const level = db.select().from(addresses).where(inArray(addresses.parentId, frontier)).all().filter(follow);
    out.push(...level);
    frontier = level.map((r) => r.id);
  }
  return out;
}

/** After a rename, every address below takes the new full name and norm key of its path (parents first). */
export function renameBelow(db: VillageDb, root: AddressRow, at: string): void {
  const byId = new Map<string, Pick<AddressRow, "fullName" | "normKey">>([[root.id, root]]);
  for (const row of descendantsOf(db, root.id)) {
    const parent = byId.get(row.parentId!)!;
    const next = { fullName: parent.fullName + row.name, normKey: addressKey(parent.normKey, row.name) };
    db.update(addresses)
      .set({ ...next, updatedAt: at })
      .where(eq(addresses.id, row.id))
      .run();
    byId.set(row.id, next);
  }
}

/**
 * After a door or building moved, the addresses below it without a point of their own (units, rooms) take its point
 * and grid, and so do the houses and units at any of them: they are where it is.
 */
export function followBelow(db: VillageDb, root: AddressRow, at: string): void {
  const below = descendantsOf(db, root.id, (r) => !LOCATED_LEVELS.includes(r.level));
  const ids = [root.id, ...below.map((r) => r.id)];
  if (below.length > 0)
    db.update(addresses)
      .set({ lng: root.lng, lat: root.lat, gridCode: root.gridCode, updatedAt: at })
      .where(
        inArray(
          addresses.id,
          below.map((r) => r.id),
        ),
      )
      .run();
  db.update(houses).set({ gridCode: root.gridCode }).where(inArray(houses.addressId, ids)).run();
  db.update(units).set({ gridCode: root.gridCode }).where(inArray(units.addressId, ids)).run();
}
