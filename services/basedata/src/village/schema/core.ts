import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The village object's own bookkeeping: its code, id sequences, the submissions that change its base data, the
 * history of every field, the results of idempotent commands and the outbox of what it still has to tell others.
 */
export const meta = sqliteTable("meta", { key: text("key").primaryKey(), value: text("value").notNull() });

/** The next sequence number of each id kind (BASEDATA_PREFIXES): ids are never reused. */
export const counters = sqliteTable("counters", { kind: text("kind").primaryKey(), next: integer("next").notNull() });

export const submissions = sqliteTable(
  "submissions",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    gridCode: text("grid_code"),
    /** The change as submitted, AES-GCM sealed (it may carry ID numbers and phones). */
    changeSealed: text("change_sealed").notNull(),
    /** The change with personal data masked, as answers show it. */
    changeMasked: text("change_masked").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected", "withdrawn"] }).notNull(),
    /** Conflicts found at submission, refreshed at each look and at the decision (JSON array of Conflict). */
    conflicts: text("conflicts").notNull().default("[]"),
    /** "worker", "agency" or "import:<id>". */
    source: text("source").notNull(),
    submittedBy: text("submitted_by").notNull(),
    submittedRole: text("submitted_role").notNull(),
    submittedAt: text("submitted_at").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    note: text("note"),
    recordId: text("record_id"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("submissions_status").on(t.status, t.submittedAt), index("submissions_grid").on(t.gridCode, t.status)],
);

/** Every field change of every record: who, when, from which source, and the value before (masked where personal). */
export const fieldChanges = sqliteTable(
  "field_changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    recordId: text("record_id").notNull(),
    field: text("field").notNull(),
    previous: text("previous"),
    value: text("value"),
    by: text("by").notNull(),
    at: text("at").notNull(),
    /** "submission:<id>", "import:<id>", "anonymise", "erasure:<request>". */
    source: text("source").notNull(),
  },
  (t) => [index("field_changes_record").on(t.recordId, t.seq)],
);

/** Idempotency-Keys of commands run here, with their answer, so a retried command replays instead of repeating. */
export const commands = sqliteTable("commands", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  result: text("result").notNull(),
  at: text("at").notNull(),
});

/**
 * What the object still has to deliver, written in the same transaction as the change it describes: queue events
 * (assessments, notifications), identity-index updates and count refreshes. The alarm delivers and retries.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").notNull(),
    destination: text("destination").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.id, t.destination] })],
);
