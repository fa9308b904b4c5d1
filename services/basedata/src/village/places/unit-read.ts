import type { Unit, UnitDetail } from "@civicgrid/contracts";
import { and, asc, eq, gt } from "drizzle-orm";
import type { VillageDb } from "../db";
import { addresses, units } from "../schema";
import { unitView, withinGrids, type PlacePage } from "./views";

export function listUnits(
  db: VillageDb,
  villageCode: string,
  query: PlacePage & { unitKind?: Unit["unitKind"] | undefined; keyPlace?: boolean | undefined },
): Unit[] {
  return db
    .select()
    .from(units)
    .where(
      and(
        query.gridCode ? eq(units.gridCode, query.gridCode) : undefined,
        query.unitKind ? eq(units.unitKind, query.unitKind) : undefined,
        query.keyPlace === undefined ? undefined : eq(units.keyPlace, query.keyPlace),
        query.after ? gt(units.id, query.after) : undefined,
        withinGrids(units.gridCode, query.grids),
      ),
    )
    .orderBy(asc(units.id))
    .limit(query.limit)
    .all()
    .map((r) => unitView(r, villageCode));
}

export function unitDetail(db: VillageDb, villageCode: string, id: string): UnitDetail | null {
  const row = db.select().from(units).where(eq(units.id, id)).get();
  if (!row) return null;
  const address = db.select({ fullName: addresses.fullName }).from(addresses).where(eq(addresses.id, row.addressId));
  return { ...unitView(row, villageCode), addressFullName: address.get()?.fullName ?? "" };
}
