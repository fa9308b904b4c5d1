import { baseDataId, type BaseDataKind } from "@civicgrid/contracts";
import { sql } from "drizzle-orm";
import type { VillageDb } from "./db";
import { counters } from "./schema";

/** The next id of a kind in this village (inside the caller's transaction, so a rolled-back change reuses nothing). */
export function nextId(db: VillageDb, kind: BaseDataKind, villageCode: string): string {
  const row = db
    .insert(counters)
    .values({ kind, next: 2 })
    .onConflictDoUpdate({ target: counters.kind, set: { next: sql`${counters.next} + 1` } })
    .returning({ next: counters.next })
    .get();
  return baseDataId(kind, villageCode, row.next - 1);
}
