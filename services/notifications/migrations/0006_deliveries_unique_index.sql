-- Written by hand, not by drizzle-kit: the UNIQUE (event_id, recipient_key, channel) constraint of deliveries
-- becomes the named unique index drizzle-kit declares for SQLite (it cannot write an inline UNIQUE), so that
-- src/store/schema.ts and the database agree and later migrations can be generated. Same columns, same
-- uniqueness (INSERT OR IGNORE still decides who sends), every row carried across.
-- messages and delivery_attempts reference deliveries: the checks wait until the end, when the table is back.
PRAGMA defer_foreign_keys = on;

CREATE TABLE deliveries_new (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  recipient_key TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_app', 'sms', 'webhook')),
  address TEXT,
  template_code TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  division_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'sent', 'dead', 'deferred', 'digested')),
  attempts INTEGER NOT NULL DEFAULT 0,
  retry_base INTEGER NOT NULL DEFAULT 0,
  due_at TEXT,
  digest_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO deliveries_new (id, event_id, event_type, recipient_key, channel, address, template_code, title, body,
  urgent, division_code, status, attempts, retry_base, due_at, digest_id, last_error, created_at, updated_at)
SELECT id, event_id, event_type, recipient_key, channel, address, template_code, title, body, urgent, division_code,
  status, attempts, retry_base, due_at, digest_id, last_error, created_at, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE UNIQUE INDEX deliveries_event_id_recipient_key_channel ON deliveries (event_id, recipient_key, channel);
CREATE INDEX deliveries_by_status ON deliveries (status, due_at);
CREATE INDEX deliveries_by_division ON deliveries (division_code, created_at, id);

PRAGMA defer_foreign_keys = off;
