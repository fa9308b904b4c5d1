-- registry: divisions, grids and their filed layouts, the disclosure projection, the event outbox.

CREATE TABLE divisions (
  code TEXT PRIMARY KEY CHECK (length(code) = 12),
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  parent_code TEXT REFERENCES divisions (code),
  urban INTEGER CHECK (urban IN (0, 1)),
  boundary TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX divisions_by_parent ON divisions (parent_code, code);

-- Every grid code ever handed out. Rows are never deleted, so a code is never given twice.
CREATE TABLE grids (
  code TEXT PRIMARY KEY CHECK (length(code) = 15),
  village_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 999),
  created_layout_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (village_code, sequence)
);

-- Filed states of each grid, valid from valid_from (inclusive) to valid_to (exclusive, NULL = open).
CREATE TABLE grid_versions (
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  county_code TEXT NOT NULL,
  village_code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('urban', 'rural', 'dedicated')),
  unit_kind TEXT,
  unit_name TEXT,
  households INTEGER NOT NULL,
  population INTEGER NOT NULL,
  party_organisation TEXT NOT NULL,
  supervision_phone TEXT NOT NULL,
  area_description TEXT NOT NULL DEFAULT '',
  boundary TEXT NOT NULL,
  min_lng REAL NOT NULL,
  min_lat REAL NOT NULL,
  max_lng REAL NOT NULL,
  max_lat REAL NOT NULL,
  area_m2 REAL NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  layout_id TEXT NOT NULL,
  change TEXT NOT NULL,
  PRIMARY KEY (code, seq)
);
CREATE INDEX grid_versions_open ON grid_versions (county_code, village_code) WHERE valid_to IS NULL;
CREATE INDEX grid_versions_from ON grid_versions (valid_from);
CREATE INDEX grid_versions_to ON grid_versions (valid_to);

CREATE TABLE grid_history (
  grid_code TEXT NOT NULL,
  layout_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'split', 'merged', 'redrawn', 'updated', 'retired')),
  effective_date TEXT NOT NULL,
  related TEXT NOT NULL DEFAULT '[]',
  version_seq INTEGER,
  PRIMARY KEY (grid_code, layout_id)
);

-- A county's layout versions: at most one open (draft / submitted / returned) at a time.
CREATE TABLE layouts (
  id TEXT PRIMARY KEY,
  county_code TEXT NOT NULL,
  number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  note TEXT,
  effective_date TEXT,
  review_reasons TEXT NOT NULL DEFAULT '[]',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_by TEXT,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (county_code, number)
);
CREATE UNIQUE INDEX layouts_one_open ON layouts (county_code) WHERE status IN ('draft', 'submitted', 'returned');

-- What a layout changes, one row per grid: its proposed record (JSON, NULL when retired) and lineage.
CREATE TABLE layout_ops (
  layout_id TEXT NOT NULL REFERENCES layouts (id),
  grid_code TEXT NOT NULL,
  village_code TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'retire')),
  kind TEXT NOT NULL,
  grid TEXT,
  related TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (layout_id, grid_code)
);

-- Counters read on every lookup: layout_version moves whenever filed grids change.
CREATE TABLE registry_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO registry_state (key, value) VALUES ('layout_version', 0);

-- Events written in the same batch as the change they describe; sent after, flushed by cron if a send failed.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;

-- Who serves each grid, from the roster's GridServersChanged snapshots (newest version wins).
CREATE TABLE disclosure_servers (
  grid_code TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  servers TEXT NOT NULL,
  event_id TEXT,
  updated_at TEXT NOT NULL
);
