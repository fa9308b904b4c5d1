-- registry: the city's matter catalogue, each county's admission and forbidden lists, change requests.

CREATE TABLE matter_categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES matter_categories (code),
  description TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- Every version of a county's lists is kept; the version in force on date D is the newest with effective_date <= D.
CREATE TABLE matter_list_versions (
  county_code TEXT NOT NULL,
  number INTEGER NOT NULL,
  effective_date TEXT NOT NULL,
  change_request_id TEXT,
  approved_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  PRIMARY KEY (county_code, number)
);

CREATE TABLE matter_list_items (
  county_code TEXT NOT NULL,
  number INTEGER NOT NULL,
  list TEXT NOT NULL CHECK (list IN ('admission', 'forbidden')),
  matter_code TEXT NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (county_code, number, matter_code)
);

CREATE TABLE matter_change_requests (
  id TEXT PRIMARY KEY,
  county_code TEXT NOT NULL,
  change TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  requested_by TEXT NOT NULL,
  requester_unit TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  decision_note TEXT,
  list_number INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX matter_change_requests_by_county ON matter_change_requests (county_code, created_at);
