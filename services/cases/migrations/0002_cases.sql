-- cases read model: projected from each CaseDO after every committed version (the DO is the authority).
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  category_code TEXT NOT NULL,
  priority TEXT NOT NULL,
  source TEXT NOT NULL,
  grid_code TEXT,
  village_code TEXT,
  township_code TEXT,
  county_code TEXT NOT NULL,
  -- the deepest division the case lies in (village, else township, else county): agencies see by prefix of it
  division_code TEXT NOT NULL,
  holder_division_code TEXT NOT NULL,
  lead_department_id TEXT,
  reporter_sub TEXT,
  step TEXT,
  due_at TEXT,
  warned INTEGER NOT NULL DEFAULT 0,
  overdue INTEGER NOT NULL DEFAULT 0,
  -- epoch ms of the next warning or deadline still to apply; NULL when none: drives the supervision sweep
  next_due_at INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_division ON cases (division_code, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_grid ON cases (grid_code, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_reporter ON cases (reporter_sub);
CREATE INDEX IF NOT EXISTS cases_next_due ON cases (next_due_at) WHERE next_due_at IS NOT NULL;

-- every department involved (lead and assisting), so a department's list is one indexed join
CREATE TABLE IF NOT EXISTS case_departments (
  case_id TEXT NOT NULL,
  department_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'assisting')),
  PRIMARY KEY (department_id, case_id)
);
CREATE INDEX IF NOT EXISTS case_departments_case ON case_departments (case_id);

CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5 (case_id UNINDEXED, title, description, tokenize = 'trigram');

-- 督办 records created when a step runs past its deadline
CREATE TABLE IF NOT EXISTS supervisions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  step TEXT NOT NULL,
  responsible_unit TEXT NOT NULL,
  due_at TEXT NOT NULL,
  county_code TEXT NOT NULL,
  division_code TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS supervisions_division ON supervisions (division_code, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS supervisions_unit ON supervisions (responsible_unit, created_at DESC, id DESC);

-- leases keep two overlapping runs of one cron job from both working
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- platform pushes: (platform, order id) → case id, so a repeated push opens no second case
CREATE TABLE IF NOT EXISTS platform_orders (
  platform TEXT NOT NULL,
  order_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  PRIMARY KEY (platform, order_id)
);
