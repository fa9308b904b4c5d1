-- roster: workers (PII encrypted), assignments with notice, screening, training, departments, users,
-- county settings, and the outbox of grid-servers events.
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  id_cipher TEXT NOT NULL,          -- base64(iv || AES-GCM ciphertext)
  id_hash TEXT NOT NULL UNIQUE,     -- HMAC-SHA256 of the ID number, to refuse duplicates without decrypting
  id_masked TEXT NOT NULL,
  phone_cipher TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  work_phone TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date TEXT NOT NULL,
  political_status TEXT NOT NULL CHECK (political_status IN ('party_member', 'non_party')),
  division_code TEXT NOT NULL,
  org_unit TEXT NOT NULL,
  department_id TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'dismissed')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX workers_division ON workers (division_code, id);

CREATE TABLE worker_status_history (
  worker_id TEXT NOT NULL REFERENCES workers (id),
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  by_sub TEXT NOT NULL
);
CREATE INDEX worker_status_history_worker ON worker_status_history (worker_id, at);

-- Every full read of an ID number or private phone: who, when, which record, under which request.
CREATE TABLE pii_reads (
  worker_id TEXT NOT NULL,
  reader_sub TEXT NOT NULL,
  request_id TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE screenings (
  id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  criminal_punishment INTEGER NOT NULL,
  pending_criminal_case INTEGER NOT NULL,
  detention INTEGER NOT NULL,
  expelled_from_public_office INTEGER NOT NULL,
  dishonesty_blacklist INTEGER NOT NULL,
  other_legal_bar INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  notes TEXT,
  screened_by TEXT NOT NULL,
  screened_at TEXT NOT NULL
);
CREATE INDEX screenings_worker ON screenings (worker_id, screened_at);

CREATE TABLE trainings (
  id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  kind TEXT NOT NULL CHECK (kind IN ('onboarding', 'periodic', 'department')),
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  hours REAL NOT NULL,
  department_id TEXT
);
CREATE INDEX trainings_worker ON trainings (worker_id, date);

CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL REFERENCES workers (id),
  grid_code TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('chief', 'full_time', 'part_time', 'professional', 'auxiliary')),
  department_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('notice', 'active', 'ended', 'withdrawn')),
  notice_start_date TEXT NOT NULL,
  notice_end_date TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  end_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assignments_grid ON assignments (grid_code, status);
CREATE INDEX assignments_worker ON assignments (worker_id, status);
-- One chief and at most one full-time worker per grid, pending or serving (the database enforces it too).
CREATE UNIQUE INDEX assignments_one_chief ON assignments (grid_code) WHERE role = 'chief' AND status IN ('notice', 'active');
CREATE UNIQUE INDEX assignments_one_full_time ON assignments (grid_code) WHERE role = 'full_time' AND status IN ('notice', 'active');

CREATE TABLE objections (
  id TEXT PRIMARY KEY,
  assignment_id TEXT NOT NULL REFERENCES assignments (id),
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'upheld')),
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX objections_assignment ON objections (assignment_id, status);

-- Grids the roster knows of (seeded from the registry's layout, extended by every assignment): the vacancy report runs over them.
CREATE TABLE known_grids (
  code TEXT PRIMARY KEY,
  county_code TEXT NOT NULL
);
CREATE INDEX known_grids_county ON known_grids (county_code, code);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  division_code TEXT NOT NULL,
  duty_phone TEXT NOT NULL,
  duty_contact TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX departments_division ON departments (division_code, id);

CREATE TABLE users (
  sub TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  org_unit_kind TEXT NOT NULL CHECK (org_unit_kind IN ('platform', 'agency', 'department', 'village_committee')),
  org_unit TEXT NOT NULL,
  roles TEXT NOT NULL,   -- JSON array of roles
  division_code TEXT NOT NULL,
  department_id TEXT,
  worker_id TEXT,
  grids TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_division ON users (division_code, sub);
CREATE INDEX users_worker ON users (worker_id);
CREATE INDEX users_department ON users (department_id);

CREATE TABLE county_settings (
  county_code TEXT PRIMARY KEY,
  full_time_required INTEGER NOT NULL DEFAULT 0,
  notice_working_days INTEGER NOT NULL DEFAULT 5,
  min_trainings_per_year INTEGER NOT NULL DEFAULT 2,
  version INTEGER NOT NULL DEFAULT 1
);

-- Per-grid event version, and the outbox written in the same batch as each assignment change.
CREATE TABLE grid_event_versions (
  grid_code TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_unsent ON outbox (sent_at, created_at);
