-- notifications: rules and templates (data, not code), the inbox, subscriptions, preferences,
-- and the delivery log that makes every (event, recipient, channel) take effect exactly once.
CREATE TABLE templates (
  code TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  description TEXT NOT NULL
);

-- audience: `<kind>:<selector>` (see src/domain/audience.ts); condition: `field=value` on the event data or null.
CREATE TABLE rules (
  id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  condition TEXT,
  audience TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_app', 'sms', 'webhook')),
  template_code TEXT NOT NULL REFERENCES templates (code),
  urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX rules_by_event ON rules (event_type, enabled);

-- One row per (event, recipient key, channel): INSERT OR IGNORE on the UNIQUE key decides who sends.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  recipient_key TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_app', 'sms', 'webhook')),
  -- Where a push goes: a work or duty phone for SMS (never a private number), a URL for webhooks.
  address TEXT,
  template_code TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  division_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'sent', 'dead', 'deferred', 'digested')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- attempts already used when last redriven: each drive gets MAX_ATTEMPTS of its own.
  retry_base INTEGER NOT NULL DEFAULT 0,
  due_at TEXT,
  digest_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, recipient_key, channel)
);
CREATE INDEX deliveries_by_status ON deliveries (status, due_at);
CREATE INDEX deliveries_by_division ON deliveries (division_code, created_at, id);

CREATE TABLE delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES deliveries (id),
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- The in-app inbox: a message per in-app delivery (same id), addressed to a key read at request time.
CREATE TABLE messages (
  id TEXT PRIMARY KEY REFERENCES deliveries (id),
  event_type TEXT NOT NULL,
  recipient_key TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  case_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX messages_inbox ON messages (recipient_key, created_at, id);

CREATE TABLE message_reads (
  message_id TEXT NOT NULL REFERENCES messages (id),
  sub TEXT NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (message_id, sub)
);

CREATE TABLE subscriptions (
  sub TEXT NOT NULL,
  grid_code TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (sub, grid_code)
);
CREATE INDEX subscriptions_by_grid ON subscriptions (grid_code);

-- owner_key: `user:<sub>` or `dept:<departmentId>` (a department's duty line).
CREATE TABLE preferences (
  owner_key TEXT PRIMARY KEY,
  quiet_start TEXT,
  quiet_end TEXT,
  digest INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- What the local SMS sink received (dev and tests): one row per delivery, so a repeat send is visible as no new row.
CREATE TABLE sms_sink (
  delivery_id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  division_code TEXT NOT NULL,
  received_at TEXT NOT NULL
);
