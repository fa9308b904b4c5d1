import { kindOfId, type BaseDataKind } from "@civicgrid/contracts";
import { inArray } from "drizzle-orm";
import type { VillageDb } from "./db";
import { addresses, households, houses, people, submissions, tags, units, visits } from "./schema";

/** Where a record lies: its village, and its grid when it has one (a road or a household may have none). */
export interface RecordScope {
  villageCode: string;
  gridCode: string | null;
}

/** The grid of each record of `ids` that exists here (the others are absent from the answer). */
export function scopesOf(db: VillageDb, villageCode: string, ids: readonly string[]): Record<string, RecordScope> {
  const byKind = new Map<BaseDataKind, string[]>();
  for (const id of ids) {
    const kind = kindOfId(id);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  }
  const out: Record<string, RecordScope> = {};
  const put = (rows: { id: string; gridCode: string | null }[]) => {
    for (const r of rows) out[r.id] = { villageCode, gridCode: r.gridCode };
  };
  for (const [kind, list] of byKind) {
    switch (kind) {
      case "address":
        put(
          db
            .select({ id: addresses.id, gridCode: addresses.gridCode })
            .from(addresses)
            .where(inArray(addresses.id, list))
            .all(),
        );
        break;
      case "house":
        put(db.select({ id: houses.id, gridCode: houses.gridCode }).from(houses).where(inArray(houses.id, list)).all());
        break;
      case "person":
        put(db.select({ id: people.id, gridCode: people.gridCode }).from(people).where(inArray(people.id, list)).all());
        break;
      case "unit":
        put(db.select({ id: units.id, gridCode: units.gridCode }).from(units).where(inArray(units.id, list)).all());
        break;
      case "visit":
        put(db.select({ id: visits.id, gridCode: visits.gridCode }).from(visits).where(inArray(visits.id, list)).all());
        break;
      case "submission":
        put(
          db
            .select({ id: submissions.id, gridCode: submissions.gridCode })
            .from(submissions)
            .where(inArray(submissions.id, list))
            .all(),
        );
        break;
      case "household":
        // A household lies where its head lives; before it has people, at village level.
        for (const h of db.select().from(households).where(inArray(households.id, list)).all()) {
          const head = h.headPersonId ? scopesOf(db, villageCode, [h.headPersonId])[h.headPersonId] : undefined;
          out[h.id] = { villageCode, gridCode: head?.gridCode ?? null };
        }
        break;
      case "tag":
        for (const t of db
          .select({ id: tags.id, personId: tags.personId })
          .from(tags)
          .where(inArray(tags.id, list))
          .all()) {
          const person = scopesOf(db, villageCode, [t.personId])[t.personId];
          out[t.id] = { villageCode, gridCode: person?.gridCode ?? null };
        }
        break;
    }
  }
  return out;
}
