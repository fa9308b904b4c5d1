import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The tables of one CaseDO's own SQLite (ctx.storage.sql): its current state, the hash-chained event log, the
 * results of its commands, the outbox of its queue messages, its 督办 records and a few counters. Created by the
 * DDL in ddl.ts (which every object created before drizzle already ran); test/node/do-schema keeps the two equal.
 */
export const state = sqliteTable("state", { id: integer("id").primaryKey(), json: text("json").notNull() }, () => [
  check("single_row", sql`id = 1`),
]);

export const events = sqliteTable("events", {
  version: integer("version").primaryKey(),
  type: text("type").notNull(),
  actorSub: text("actor_sub").notNull(),
  actorRole: text("actor_role").notNull(),
  actorUnit: text("actor_unit").notNull(),
  at: text("at").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status").notNull(),
  payload: text("payload").notNull(),
  idemKey: text("idem_key"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

export const commands = sqliteTable("commands", {
  idemKey: text("idem_key").primaryKey(),
  commandHash: text("command_hash").notNull(),
  result: text("result").notNull(),
});

/** One row per event; a flag per consumer's queue, so a retry resends only where it has not gone yet. */
export const outbox = sqliteTable("outbox", {
  version: integer("version").primaryKey(),
  envelope: text("envelope").notNull(),
  notifySent: integer("notify_sent").notNull().default(0),
  assessSent: integer("assess_sent").notNull().default(0),
  integSent: integer("integ_sent").notNull().default(0),
});

export const supervisions = sqliteTable("supervisions", { id: text("id").primaryKey(), json: text("json").notNull() });

export const meta = sqliteTable("meta", { key: text("key").primaryKey(), value: integer("value").notNull() });
