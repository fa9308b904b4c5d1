-- assessments: stored case events (the single source of every fact), check-ins, patrols and their
-- track points, county settings and versioned scoring rules (考核细则), daily facts and rankings.

-- Each case event once, keyed by its envelope id: redelivery is an INSERT OR IGNORE that changes nothing.
CREATE TABLE IF NOT EXISTS case_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  case_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  -- Asia/Shanghai calendar day of occurred_at (YYYY-MM-DD).
  day TEXT NOT NULL,
  actor_sub TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_unit TEXT NOT NULL,
  category_code TEXT NOT NULL,
  source TEXT NOT NULL,
  grid_code TEXT,
  village_code TEXT,
  township_code TEXT,
  county_code TEXT NOT NULL,
  lead_department_id TEXT,
  responsible_unit TEXT,
  due_at TEXT,
  rating TEXT
);
CREATE INDEX IF NOT EXISTS case_events_day ON case_events (day, type);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, version);

CREATE TABLE IF NOT EXISTS checkins (
  sub TEXT NOT NULL,
  day TEXT NOT NULL,
  division_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  at TEXT NOT NULL,
  lng REAL,
  lat REAL,
  PRIMARY KEY (sub, day)
);

CREATE TABLE IF NOT EXISTS patrols (
  id TEXT PRIMARY KEY,
  sub TEXT NOT NULL,
  division_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  -- The grids the worker served when the patrol started (from their principal).
  served_grids TEXT NOT NULL,
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'ended')),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  point_count INTEGER NOT NULL DEFAULT 0,
  counted_minutes REAL NOT NULL DEFAULT 0,
  counted_distance_m REAL NOT NULL DEFAULT 0,
  covered_grids TEXT NOT NULL DEFAULT '[]',
  flags TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS patrols_sub_day ON patrols (sub, day);
CREATE INDEX IF NOT EXISTS patrols_day ON patrols (day);

-- Keyed by (patrol, time): a batch posted twice adds nothing.
CREATE TABLE IF NOT EXISTS patrol_points (
  patrol_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  lng REAL NOT NULL,
  lat REAL NOT NULL,
  grid_code TEXT,
  PRIMARY KEY (patrol_id, at_ms)
);

CREATE TABLE IF NOT EXISTS county_settings (
  county_code TEXT PRIMARY KEY,
  daily_patrol_minutes INTEGER NOT NULL,
  max_speed_kmh REAL NOT NULL,
  grade_thresholds TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- 考核细则: indicator weights per subject kind, versioned; a period uses the latest version effective at its start.
CREATE TABLE IF NOT EXISTS scoring_rules (
  county_code TEXT NOT NULL,
  version INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  weights TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (county_code, version)
);

CREATE TABLE IF NOT EXISTS worker_day_facts (
  sub TEXT NOT NULL,
  day TEXT NOT NULL,
  division_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  checked_in INTEGER NOT NULL,
  patrol_minutes REAL NOT NULL,
  patrol_distance_m REAL NOT NULL,
  flagged_patrols INTEGER NOT NULL,
  met_minimum INTEGER NOT NULL,
  cases_reported INTEGER NOT NULL,
  cases_verified INTEGER NOT NULL,
  resolved_on_site INTEGER NOT NULL,
  orders_done INTEGER NOT NULL,
  orders_on_time INTEGER NOT NULL,
  PRIMARY KEY (sub, day)
);
CREATE INDEX IF NOT EXISTS worker_day_facts_day ON worker_day_facts (day, county_code);

CREATE TABLE IF NOT EXISTS grid_day_facts (
  grid_code TEXT NOT NULL,
  day TEXT NOT NULL,
  village_code TEXT NOT NULL,
  township_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  patrol_minutes REAL NOT NULL,
  patrolled INTEGER NOT NULL,
  cases_reported INTEGER NOT NULL,
  cases_verified INTEGER NOT NULL,
  resolved_on_site INTEGER NOT NULL,
  cases_closed INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  PRIMARY KEY (grid_code, day)
);
CREATE INDEX IF NOT EXISTS grid_day_facts_day ON grid_day_facts (day, county_code);

CREATE TABLE IF NOT EXISTS department_day_facts (
  department_id TEXT NOT NULL,
  day TEXT NOT NULL,
  division_code TEXT NOT NULL,
  dispatched INTEGER NOT NULL,
  signed INTEGER NOT NULL,
  signed_on_time INTEGER NOT NULL,
  handled INTEGER NOT NULL,
  handled_on_time INTEGER NOT NULL,
  returned INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  rated INTEGER NOT NULL,
  satisfaction_sum INTEGER NOT NULL,
  PRIMARY KEY (department_id, day)
);
CREATE INDEX IF NOT EXISTS department_day_facts_day ON department_day_facts (day);

-- One row per subject and period; `rank` is within the subject's county (rules are per county).
CREATE TABLE IF NOT EXISTS rankings (
  kind TEXT NOT NULL CHECK (kind IN ('worker', 'grid', 'township', 'department')),
  period TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  score REAL NOT NULL,
  rank INTEGER NOT NULL,
  components TEXT NOT NULL,
  rules_version INTEGER NOT NULL,
  PRIMARY KEY (kind, period, subject_id)
);
CREATE INDEX IF NOT EXISTS rankings_list ON rankings (kind, period, county_code, rank);

-- Which (kind, period, county) the cron or a recompute has computed, and when.
CREATE TABLE IF NOT EXISTS ranking_runs (
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  county_code TEXT NOT NULL,
  subjects INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (kind, period, county_code)
);

-- Which days the daily rollup has run for (the cron rolls up any finished day not yet rolled up).
CREATE TABLE IF NOT EXISTS fact_runs (
  day TEXT PRIMARY KEY,
  computed_at TEXT NOT NULL
);
