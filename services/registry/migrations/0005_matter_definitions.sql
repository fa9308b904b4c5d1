-- registry: what residents' apps show of a matter (the Open311 service definition), kept by the city with its
-- catalogue (Jiangmen 第九条): description, keywords, group, the extra questions a report asks, and whether the
-- matter is listed to the public at all (demo and test configuration is not).
CREATE TABLE matter_definitions (
  matter_code TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '[]',
  group_name TEXT,
  attributes TEXT NOT NULL DEFAULT '[]',
  listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
