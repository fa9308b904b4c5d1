-- registry: one outbox row per event and destination queue. Cloudflare Queues deliver a queue to one consumer,
-- so an event two services need (registry.grid.changed: notifications and the roster) is kept once per queue,
-- and a failed send to one queue neither blocks nor repeats the send to the other.
CREATE TABLE outbox_by_queue (
  id TEXT NOT NULL,
  queue TEXT NOT NULL DEFAULT 'events' CHECK (queue IN ('events', 'roster')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  PRIMARY KEY (id, queue)
);
INSERT INTO outbox_by_queue (id, queue, body, created_at, sent_at) SELECT id, 'events', body, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_by_queue RENAME TO outbox;
CREATE INDEX outbox_unsent ON outbox (queue, created_at) WHERE sent_at IS NULL;
