-- issue 12 item 8: the dead-letter queue civicgrid-notifications-dlq gets a consumer. Every message it holds is
-- kept here until a platform administrator redrives it; the platform administrators are told in their inbox.

-- Failed attempts as the consumers record them, keyed by the message's content (queue and body), so the
-- dead letter knows how often and why it failed; a message that later succeeds takes its row away.
CREATE TABLE queue_failures (
  key TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  failures INTEGER NOT NULL,
  first_failed_at TEXT NOT NULL,
  last_failed_at TEXT NOT NULL,
  error TEXT
);

-- One row per dead message content (id `dl_` + hash of queue and body): dead-lettered again after a redrive,
-- the same row comes back to `dead`, counted. message_id is the newest queue message that carried it.
CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('dead', 'redriven')),
  attempts INTEGER NOT NULL,
  dead_letterings INTEGER NOT NULL DEFAULT 1,
  first_failed_at TEXT NOT NULL,
  last_failed_at TEXT NOT NULL,
  error TEXT,
  redrives INTEGER NOT NULL DEFAULT 0,
  redriven_at TEXT,
  redriven_by TEXT
);
CREATE INDEX dead_letters_list ON dead_letters (last_failed_at, id);

INSERT INTO templates (code, title, body, description) VALUES
  ('dead_lettered', '消息处理失败：{{queue}}',
   '队列{{queue}}的消息{{messageId}}多次处理失败，已转入死信队列（{{error}}）。请在死信列表查看{{deadLetterId}}，排除原因后重新投递。',
   '死信：告知平台管理员');

INSERT INTO rules (id, event_type, condition, audience, channel, template_code, urgent) VALUES
  ('dead-letter-admin-app', 'notifications.dead_lettered', NULL, 'role:audience', 'in_app', 'dead_lettered', 1);
