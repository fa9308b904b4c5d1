/**
 * The DO's tables as every object creates them (idempotent, so objects created before run it harmlessly);
 * schema.ts declares the same tables for the queries, and test/node/do-schema keeps the two equal.
 */
export const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
  `CREATE TABLE IF NOT EXISTS events (version INTEGER PRIMARY KEY, type TEXT NOT NULL, actor_sub TEXT NOT NULL, actor_role TEXT NOT NULL,
     actor_unit TEXT NOT NULL, at TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, payload TEXT NOT NULL, idem_key TEXT,
     prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
  "CREATE TABLE IF NOT EXISTS commands (idem_key TEXT PRIMARY KEY, command_hash TEXT NOT NULL, result TEXT NOT NULL)",
  `CREATE TABLE IF NOT EXISTS outbox (version INTEGER PRIMARY KEY, envelope TEXT NOT NULL, notify_sent INTEGER NOT NULL DEFAULT 0,
     assess_sent INTEGER NOT NULL DEFAULT 0, integ_sent INTEGER NOT NULL DEFAULT 0)`,
  "CREATE TABLE IF NOT EXISTS supervisions (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
];

/** The upgrade of an outbox from before the integrations queue (see addIntegrationsColumn in storage.ts). */
export const ADD_INTEGRATIONS_COLUMN = [
  "ALTER TABLE outbox ADD COLUMN integ_sent INTEGER NOT NULL DEFAULT 0",
  "UPDATE outbox SET integ_sent = 1 WHERE notify_sent = 1 AND assess_sent = 1",
];
