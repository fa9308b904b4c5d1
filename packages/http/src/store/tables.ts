import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The tables every service's D1 database shares with the http kit. A service's `store/schema.ts` re-exports the
 * ones it has (`export { idempotencyKeys, outbox } from "@civicgrid/http/tables"`), so that its migrations,
 * generated from that schema, create them exactly as the kit reads and writes them.
 */

/** Idempotency-Key claims and outcomes (see ../idempotency.ts); as every service's 0001_init.sql creates it. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    state: text("state", { enum: ["in_flight", "done"] }).notNull(),
    status: integer("status"),
    headers: text("headers"),
    body: text("body"),
    /** Epoch ms of the claim's last renewal, and its fencing token. */
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), check("state", sql`state IN ('in_flight', 'done')`)],
);

/**
 * Events written in the same D1 batch as the change they describe, one row per destination queue (Cloudflare
 * Queues deliver a queue to one consumer, so an event two services need is kept once per queue), sent after the
 * write and by the cron (see ../outbox.ts). The registry's shape, without its list of queue names: each service
 * names its own destinations.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    /** The event id: the same however often the event is written or sent. */
    id: text("id").notNull(),
    queue: text("queue").notNull().default("events"),
    /** The EventEnvelope as JSON. */
    body: text("body").notNull(),
    /** Epoch ms. */
    createdAt: integer("created_at").notNull(),
    /** Epoch ms; null until the queue took the event. */
    sentAt: integer("sent_at"),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.queue] }),
    index("outbox_unsent")
      .on(t.queue, t.createdAt)
      .where(sql`sent_at IS NULL`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
