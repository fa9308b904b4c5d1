-- Written by hand, not by drizzle-kit: the UNIQUE constraints of four tables become named unique indexes, the
-- form drizzle-kit declares for SQLite (it cannot write an inline UNIQUE), so that src/store/schema.ts and the
-- database agree and later migrations can be generated. Same columns, same uniqueness, every row carried across.
-- deliveries is referenced by delivery_attempts, whose rows step aside while it is rebuilt (dropping a parent
-- that still has children fails the foreign key check, deferred or not).

CREATE TABLE inbound_webhooks_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL REFERENCES platforms (id),
  webhook_id TEXT NOT NULL,
  event_type TEXT,
  raw_body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('processing', 'processed', 'rejected', 'refused', 'failed')),
  error TEXT,
  case_id TEXT,
  answer_status INTEGER,
  answer_body TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  received_at TEXT NOT NULL,
  processed_at TEXT
);
INSERT INTO inbound_webhooks_new (id, platform, webhook_id, event_type, raw_body, status, error, case_id, answer_status,
  answer_body, attempts, received_at, processed_at)
SELECT id, platform, webhook_id, event_type, raw_body, status, error, case_id, answer_status, answer_body, attempts,
  received_at, processed_at FROM inbound_webhooks;
DROP TABLE inbound_webhooks;
ALTER TABLE inbound_webhooks_new RENAME TO inbound_webhooks;
CREATE UNIQUE INDEX inbound_webhooks_platform_webhook_id ON inbound_webhooks (platform, webhook_id);
CREATE INDEX inbound_webhooks_status ON inbound_webhooks (status, id);

CREATE TABLE delivery_attempts_kept AS SELECT * FROM delivery_attempts;
DELETE FROM delivery_attempts;
CREATE TABLE deliveries_new (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  case_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
INSERT INTO deliveries_new (id, event_id, platform, case_id, order_id, payload, status, attempts, created_at, delivered_at)
SELECT id, event_id, platform, case_id, order_id, payload, status, attempts, created_at, delivered_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE UNIQUE INDEX deliveries_event_id_platform ON deliveries (event_id, platform);
CREATE INDEX deliveries_platform ON deliveries (platform, created_at, id);
INSERT INTO delivery_attempts (delivery_id, attempt, at, http_status, error, ms)
SELECT delivery_id, attempt, at, http_status, error, ms FROM delivery_attempts_kept;
DROP TABLE delivery_attempts_kept;

CREATE TABLE open311_clients_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  requests_per_minute INTEGER NOT NULL DEFAULT 30 CHECK (requests_per_minute > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
);
INSERT INTO open311_clients_new (id, name, key_hash, requests_per_minute, active, created_at)
SELECT id, name, key_hash, requests_per_minute, active, created_at FROM open311_clients;
DROP TABLE open311_clients;
ALTER TABLE open311_clients_new RENAME TO open311_clients;
CREATE UNIQUE INDEX open311_clients_key_hash ON open311_clients (key_hash);

CREATE TABLE open311_reports_new (
  case_id TEXT PRIMARY KEY,
  county_code TEXT NOT NULL,
  client_id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  address TEXT,
  address_id TEXT,
  media_url TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
INSERT INTO open311_reports_new (case_id, county_code, client_id, token_hash, address, address_id, media_url, attributes,
  created_at)
SELECT case_id, county_code, client_id, token_hash, address, address_id, media_url, attributes, created_at FROM open311_reports;
DROP TABLE open311_reports;
ALTER TABLE open311_reports_new RENAME TO open311_reports;
CREATE UNIQUE INDEX open311_reports_token_hash ON open311_reports (token_hash);
