-- A case closes through one of two events: the agency's check passing (case.check_passed) or the
-- grid worker resolving it on site (case.resolved_on_site); the cases service emits no separate
-- "case.closed". The resident who reported it is told in either case.
UPDATE rules SET event_type = 'case.check_passed', version = version + 1 WHERE id = 'closed-reporter-app';
INSERT OR IGNORE INTO rules (id, event_type, condition, audience, channel, template_code, urgent)
  VALUES ('closed-on-site-reporter-app', 'case.resolved_on_site', NULL, 'user:reporterSub', 'in_app', 'case_closed', 0);
