import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Every unmasked read of personal data, with its purpose (PIPL art. 6: a clear purpose; art. 54: audits). */
export const accessLog = sqliteTable(
  "access_log",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    recordId: text("record_id").notNull(),
    villageCode: text("village_code").notNull(),
    fields: text("fields").notNull(),
    purpose: text("purpose").notNull(),
    bySub: text("by_sub").notNull(),
    byRole: text("by_role").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("access_log_village").on(t.villageCode, t.seq), index("access_log_record").on(t.recordId, t.seq)],
);

/** Exports: who took what out, when, and why; the file itself is never kept. */
export const exportsLog = sqliteTable(
  "exports",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    divisionCode: text("division_code").notNull(),
    purpose: text("purpose").notNull(),
    rows: integer("rows").notNull(),
    bySub: text("by_sub").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("exports_division").on(t.divisionCode, t.at)],
);

/** A person's request to see (access) or erase (erasure) their data (PIPL art. 45, 47), and what was done. */
export const subjectRequests = sqliteTable(
  "subject_requests",
  {
    id: text("id").primaryKey(),
    personId: text("person_id").notNull(),
    villageCode: text("village_code").notNull(),
    kind: text("kind", { enum: ["access", "erasure"] }).notNull(),
    reference: text("reference").notNull(),
    reason: text("reason").notNull(),
    bySub: text("by_sub").notNull(),
    at: text("at").notNull(),
    outcome: text("outcome").notNull(),
  },
  (t) => [index("subject_requests_village").on(t.villageCode, t.at)],
);
