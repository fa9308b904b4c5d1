-- The department an event counts against when the state after it no longer names one: on case.returned the
-- department that returned the case, on case.reopened the lead whose handling the resident rejected (issue 12
-- item 9). Events stored before this column fall back to the acting unit and the previous event's lead.
ALTER TABLE case_events ADD COLUMN from_department_id TEXT;
