-- roster: the known grids follow the registry (registry.grid.changed on civicgrid-registry-events-roster).
-- `version` is the registry's grid version (the newest snapshot wins; rows known before the registry spoke
-- carry 0), `status` takes a retired grid out of the vacancy report, `event_id` is the snapshot kept.
ALTER TABLE known_grids ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired'));
ALTER TABLE known_grids ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE known_grids ADD COLUMN event_id TEXT;
ALTER TABLE known_grids ADD COLUMN updated_at TEXT;
