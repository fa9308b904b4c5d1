-- Public requests (Open311 through the integrations service): each case's public fields, projected with it, and the
-- county-scoped orderings those lists read (a county's newest reports, optionally of one category).
ALTER TABLE cases ADD COLUMN public TEXT;
CREATE INDEX IF NOT EXISTS cases_county_created ON cases (county_code, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS cases_county_category ON cases (county_code, category_code, created_at DESC, id DESC);
