-- Issue 12: Open311 to the letter (jurisdictions, kept report fields, a small gazetteer), platforms managed
-- through the admin API (secrets with rotation, versions, audit), refusals from cases kept apart from
-- failures, and the local receiver keeping what it needs to verify a callback with any library.

-- The counties that opened the Open311 door; a jurisdiction_id is the county's 12-digit division code.
CREATE TABLE open311_jurisdictions (
  county_code TEXT PRIMARY KEY CHECK (length(county_code) = 12),
  name TEXT NOT NULL,
  opened_at TEXT NOT NULL
);

-- What a report carried that the case does not keep: the address as typed, the photo URL, the answers to the
-- service's attributes, and the token the app got (kept as a hash: it is also the reporter's follow token).
CREATE TABLE open311_reports (
  case_id TEXT PRIMARY KEY,
  county_code TEXT NOT NULL,
  client_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  address TEXT,
  address_id TEXT,
  media_url TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

-- Named places a report may be located by instead of a point (address_id: a grid or village code; the name
-- matched in address_string), each with a point inside it that the registry confirms at every use.
CREATE TABLE open311_places (
  county_code TEXT NOT NULL,
  address_id TEXT NOT NULL,
  name TEXT NOT NULL,
  grid_code TEXT NOT NULL,
  lng REAL NOT NULL,
  lat REAL NOT NULL,
  PRIMARY KEY (county_code, address_id)
);
CREATE INDEX open311_places_name ON open311_places (county_code, name);

-- Platforms get a version for If-Match, and the moment the bootstrap secrets from PLATFORM_SECRETS stop
-- verifying (set by the first rotation, a grace period ahead).
ALTER TABLE platforms ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE platforms ADD COLUMN setting_secrets_until TEXT;

-- Secrets issued through the admin API. Shown once when issued; a rotated-out secret verifies until expires_at.
CREATE TABLE platform_secrets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL REFERENCES platforms (id),
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX platform_secrets_platform ON platform_secrets (platform, id);

-- Who changed a platform, when, and what (field names and values, never a secret).
CREATE TABLE platform_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX platform_audit_platform ON platform_audit (platform, id);

-- 'refused': the cases service refused the work order for good (not retried, kept with its reason).
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
  processed_at TEXT,
  UNIQUE (platform, webhook_id)
);
INSERT INTO inbound_webhooks_new SELECT id, platform, webhook_id, event_type, raw_body, status, error, case_id, answer_status,
  answer_body, attempts, received_at, processed_at FROM inbound_webhooks;
DROP TABLE inbound_webhooks;
ALTER TABLE inbound_webhooks_new RENAME TO inbound_webhooks;
CREATE INDEX inbound_webhooks_status ON inbound_webhooks (status, id);

-- The receiver keeps the three Standard Webhooks headers and the raw body, byte for byte as text.
ALTER TABLE received_callbacks ADD COLUMN webhook_timestamp TEXT NOT NULL DEFAULT '';
ALTER TABLE received_callbacks ADD COLUMN webhook_signature TEXT NOT NULL DEFAULT '';
ALTER TABLE received_callbacks ADD COLUMN raw_body TEXT NOT NULL DEFAULT '';
