-- Hand-written (issue 16): every reporter of a case is told of its outcome. The co-reporters with a login (who
-- joined with +1 or came with a merged case) are named in the event's coReporterSubs, on both closing events.
INSERT OR IGNORE INTO rules (id, event_type, condition, audience, channel, template_code, urgent)
  VALUES ('closed-co-reporters-app', 'case.check_passed', NULL, 'user:coReporterSubs', 'in_app', 'case_closed', 0),
         ('closed-on-site-co-reporters-app', 'case.resolved_on_site', NULL, 'user:coReporterSubs', 'in_app', 'case_closed', 0);
