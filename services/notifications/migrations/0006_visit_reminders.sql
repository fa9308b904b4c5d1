-- Base data's daily visit reminders (走访提醒, Gansu 二(一)2): each worker serving a grid is told how many visits are
-- due and overdue there today. Counts only: who is due stays in the base data, behind its own access rules.
INSERT INTO templates (code, title, body, description) VALUES
  ('visit_reminder', '走访提醒：网格{{gridCode}}',
   '截至{{day}}，网格{{gridCode}}有{{due}}人次走访即将到期、{{overdue}}人次已超期，请查看走访计划并按时走访。', '走访计划：每日提醒网格员到期与超期走访');
INSERT INTO rules (id, event_type, condition, audience, channel, template_code, urgent) VALUES
  ('visit-reminder-app', 'basedata.visit.reminder', NULL, 'user:workerSubs', 'in_app', 'visit_reminder', 0);
