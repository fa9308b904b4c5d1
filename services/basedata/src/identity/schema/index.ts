import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One identity shard's entries: a keyed hash (HMAC of an ID number, a phone, a credit code) and the record that holds
 * it. `active` is 0 once the record no longer answers for it (moved out, died, closed, changed number), kept so that a
 * lookup can say where someone was last known.
 */
export const entries = sqliteTable(
  "entries",
  {
    kind: text("kind", { enum: ["id", "phone", "credit", "name"] }).notNull(),
    hash: text("hash").notNull(),
    recordId: text("record_id").notNull(),
    villageCode: text("village_code").notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    /** Epoch ms of the village's change, so a late redelivery never overwrites a newer one. */
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.hash, t.recordId] }), index("entries_village").on(t.villageCode)],
);
