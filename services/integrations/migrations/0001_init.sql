-- integrations: platforms and their mappings, inbound webhooks kept raw, outbound callback deliveries,
-- the local demo receiver, Open311 clients and their rate windows.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
  status INTEGER,
  headers TEXT,
  body TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

-- A provincial platform (粤平安, 12345, 平安甘肃): where its callbacks go and how its codes map to ours.
-- Its secrets are not here: they come from the PLATFORM_SECRETS setting.
CREATE TABLE platforms (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- The division the platform serves; agencies at or above it administer the integration.
  division_code TEXT NOT NULL CHECK (length(division_code) = 12),
  callback_url TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- JSON objects: their category code → our matter code; their division code → our 12-digit code.
  category_map TEXT NOT NULL DEFAULT '{}',
  division_map TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

-- Every signed payload a platform sent, byte for byte, with what became of it (so it can be replayed).
CREATE TABLE inbound_webhooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL REFERENCES platforms (id),
  webhook_id TEXT NOT NULL,
  event_type TEXT,
  raw_body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('processing', 'processed', 'rejected', 'failed')),
  error TEXT,
  case_id TEXT,
  answer_status INTEGER,
  answer_body TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  received_at TEXT NOT NULL,
  processed_at TEXT,
  UNIQUE (platform, webhook_id)
);
CREATE INDEX inbound_webhooks_status ON inbound_webhooks (status, id);

-- Which case each platform order became (the platform speaks of its order id, we of the case id).
CREATE TABLE platform_orders (
  platform TEXT NOT NULL,
  order_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (platform, order_id)
);

-- One callback per (case event, platform); its id is the webhook-id the platform sees on every attempt.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  case_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (event_id, platform)
);
CREATE INDEX deliveries_platform ON deliveries (platform, created_at, id);

CREATE TABLE delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES deliveries (id),
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  http_status INTEGER,
  error TEXT,
  ms INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

-- The local receiver: callbacks sent to /v1/integrations/receiver/{platform}, so a developer can watch them arrive.
CREATE TABLE received_callbacks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  body TEXT NOT NULL,
  verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
  received_at TEXT NOT NULL
);

-- Trusted Open311 apps: their api_key is kept only as a SHA-256 hash.
CREATE TABLE open311_clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  requests_per_minute INTEGER NOT NULL DEFAULT 30 CHECK (requests_per_minute > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
);

-- Fixed one-minute windows of requests per Open311 client.
CREATE TABLE open311_rate_windows (
  client_id TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (client_id, window_start)
);
