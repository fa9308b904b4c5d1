import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The notifications service's D1 tables: rules and templates (data, not code), the delivery log that makes
 * every (event, recipient, channel) take effect exactly once, the inbox, subscriptions, preferences, the local
 * SMS sink, and the dead letters of its queues. `drizzle-kit generate` writes the migrations from this file.
 */
export { idempotencyKeys } from "@civicgrid/http/tables";

const CHANNELS = ["in_app", "sms", "webhook"] as const;
const channelCheck = (table: string) => check(`${table}_channel`, sql`channel IN ('in_app', 'sms', 'webhook')`);
/** A 0/1 column read as a boolean (SQLite has none). */
const flag = (name: string) => integer(name, { mode: "boolean" });
const flagCheck = (table: string, name: string) => check(`${table}_${name}`, sql`${sql.identifier(name)} IN (0, 1)`);

export const templates = sqliteTable("templates", {
  code: text("code").primaryKey(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  description: text("description").notNull(),
});

/** audience: `<kind>:<selector>` (see domain/audience.ts); condition: `field=value` on the event data, or null. */
export const rules = sqliteTable(
  "rules",
  {
    id: text("id").primaryKey(),
    eventType: text("event_type").notNull(),
    condition: text("condition"),
    audience: text("audience").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    templateCode: text("template_code")
      .notNull()
      .references(() => templates.code),
    urgent: flag("urgent")
      .notNull()
      .default(sql`0`),
    enabled: flag("enabled")
      .notNull()
      .default(sql`1`),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("rules_by_event").on(t.eventType, t.enabled),
    channelCheck("rules"),
    flagCheck("rules", "urgent"),
    flagCheck("rules", "enabled"),
  ],
);

export const DELIVERY_STATUSES = ["pending", "failed", "sent", "dead", "deferred", "digested"] as const;

/** One row per (event, recipient key, channel): INSERT OR IGNORE on the UNIQUE key decides who sends. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    recipientKey: text("recipient_key").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    /** Where a push goes: a work or duty phone for SMS (never a private number), a URL for webhooks. */
    address: text("address"),
    templateCode: text("template_code").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    urgent: flag("urgent").notNull(),
    divisionCode: text("division_code").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Attempts already used when last redriven: each drive gets MAX_ATTEMPTS of its own. */
    retryBase: integer("retry_base").notNull().default(0),
    dueAt: text("due_at"),
    digestId: text("digest_id"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_event_id_recipient_key_channel").on(t.eventId, t.recipientKey, t.channel),
    index("deliveries_by_status").on(t.status, t.dueAt),
    index("deliveries_by_division").on(t.divisionCode, t.createdAt, t.id),
    channelCheck("deliveries"),
    flagCheck("deliveries", "urgent"),
    check("deliveries_status", sql`status IN ('pending', 'failed', 'sent', 'dead', 'deferred', 'digested')`),
  ],
);

export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id),
    attempt: integer("attempt").notNull(),
    status: text("status", { enum: ["ok", "error"] }).notNull(),
    error: text("error"),
    at: text("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deliveryId, t.attempt] }),
    check("delivery_attempts_status", sql`status IN ('ok', 'error')`),
  ],
);

/** The in-app inbox: a message per in-app delivery (same id), addressed to a key read at request time. */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id")
      .primaryKey()
      .references(() => deliveries.id),
    eventType: text("event_type").notNull(),
    recipientKey: text("recipient_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    urgent: flag("urgent").notNull(),
    caseId: text("case_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("messages_inbox").on(t.recipientKey, t.createdAt, t.id), flagCheck("messages", "urgent")],
);

export const messageReads = sqliteTable(
  "message_reads",
  {
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id),
    sub: text("sub").notNull(),
    readAt: text("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.sub] })],
);

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    sub: text("sub").notNull(),
    gridCode: text("grid_code").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sub, t.gridCode] }), index("subscriptions_by_grid").on(t.gridCode)],
);

/** ownerKey: `user:<sub>` or `dept:<departmentId>` (a department's duty line). */
export const preferences = sqliteTable(
  "preferences",
  {
    ownerKey: text("owner_key").primaryKey(),
    quietStart: text("quiet_start"),
    quietEnd: text("quiet_end"),
    digest: flag("digest")
      .notNull()
      .default(sql`0`),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  () => [flagCheck("preferences", "digest")],
);

/** What the local SMS sink received (dev and tests): one row per delivery, so a repeat send adds no row. */
export const smsSink = sqliteTable("sms_sink", {
  deliveryId: text("delivery_id").primaryKey(),
  phone: text("phone").notNull(),
  text: text("text").notNull(),
  divisionCode: text("division_code").notNull(),
  receivedAt: text("received_at").notNull(),
});

/**
 * Failed attempts as the consumers record them, keyed by the message's content (queue and body), so the dead
 * letter knows how often and why it failed; a message that later succeeds takes its row away.
 */
export const queueFailures = sqliteTable("queue_failures", {
  key: text("key").primaryKey(),
  queue: text("queue").notNull(),
  failures: integer("failures").notNull(),
  firstFailedAt: text("first_failed_at").notNull(),
  lastFailedAt: text("last_failed_at").notNull(),
  error: text("error"),
});

/**
 * One row per dead message content (id `dl_` + hash of queue and body): dead-lettered again after a redrive,
 * the same row comes back to `dead`, counted. messageId is the newest queue message that carried it.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id").notNull(),
    queue: text("queue").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["dead", "redriven"] }).notNull(),
    attempts: integer("attempts").notNull(),
    deadLetterings: integer("dead_letterings").notNull().default(1),
    firstFailedAt: text("first_failed_at").notNull(),
    lastFailedAt: text("last_failed_at").notNull(),
    error: text("error"),
    redrives: integer("redrives").notNull().default(0),
    redrivenAt: text("redriven_at"),
    redrivenBy: text("redriven_by"),
  },
  (t) => [
    index("dead_letters_list").on(t.lastFailedAt, t.id),
    check("dead_letters_status", sql`status IN ('dead', 'redriven')`),
  ],
);
