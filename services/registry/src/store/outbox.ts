import type { EventEnvelope, RegistryEventType } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";

/** Every five minutes: send events whose send failed after their write (the outbox). Not exported from the
 * worker's entry module: workerd allows only handlers and classes there. */
export const FLUSH_CRON = "*/5 * * * *";

/**
 * The queues the outbox sends to. Each queue has one consumer, so an event goes to the queue of every
 * service that needs it: all to notifications (EVENTS), grid changes also to the roster, whose vacancy
 * report must cover every grid (REGISTRY_TO_ROSTER_QUEUE).
 */
export interface OutboxQueues {
  EVENTS: Pick<Queue, "sendBatch">;
  ROSTER_EVENTS: Pick<Queue, "sendBatch">;
}
type Destination = "events" | "roster";
const BINDING: Record<Destination, keyof OutboxQueues> = { events: "EVENTS", roster: "ROSTER_EVENTS" };
const destinationsOf = (type: string): Destination[] => (type === "registry.grid.changed" ? ["events", "roster"] : ["events"]);

/** An event with an id that stays the same however often it is written or sent. */
export function registryEvent(type: RegistryEventType, aggregateId: string, version: number, data: Record<string, unknown>, id?: string): EventEnvelope {
  return {
    id: id ?? `${type}:${aggregateId}:${version}`,
    type,
    source: "registry",
    aggregateId,
    version,
    occurredAt: new Date().toISOString(),
    data,
  };
}

/**
 * The outbox rows (one per destination queue) to put in the same D1 batch as the change the event describes.
 * With `onlyIf`, they are written only when that query (placeholders from ?4) finds a row once the batch's
 * earlier statements ran.
 */
export function outboxStatement(db: D1Database, event: EventEnvelope, onlyIf?: { sql: string; args: unknown[] }): D1PreparedStatement {
  const guard = onlyIf ? ` WHERE EXISTS (${onlyIf.sql})` : "";
  // The destinations are literals from the closed list above, never input.
  const queues = destinationsOf(event.type).map((q) => `SELECT '${q}' AS queue`).join(" UNION ALL ");
  return db
    .prepare(`INSERT OR IGNORE INTO outbox (id, queue, body, created_at) SELECT ?1, d.queue, ?2, ?3 FROM (${queues}) d${guard}`)
    .bind(event.id, JSON.stringify(event), Date.now(), ...(onlyIf?.args ?? []));
}

const BATCH = 100; // the most messages Queues take in one sendBatch

/** Sends one queue's unsent rows, oldest first, then marks them sent; a failed send leaves them for later. */
async function flushQueue(db: D1Database, destination: Destination, queue: Pick<Queue, "sendBatch">, maxRounds: number) {
  let sent = 0;
  for (let round = 0; round < maxRounds; round++) {
    const { results } = await db
      .prepare("SELECT id, body FROM outbox WHERE queue = ?1 AND sent_at IS NULL ORDER BY created_at, id LIMIT ?2")
      .bind(destination, BATCH)
      .all<{ id: string; body: string }>();
    if (results.length === 0) break;
    try {
      await queue.sendBatch(results.map((r) => ({ body: JSON.parse(r.body) as EventEnvelope, contentType: "json" as const })));
    } catch (error) {
      log("warn", "outbox send failed; the cron retries", { service: "registry", queue: destination, pending: results.length, error: String(error) });
      return { sent, failed: results.length };
    }
    const ids = results.map((r) => r.id);
    await db
      .prepare(`UPDATE outbox SET sent_at = ?1 WHERE queue = ?2 AND id IN (SELECT value FROM json_each(?3))`)
      .bind(Date.now(), destination, JSON.stringify(ids))
      .run();
    sent += ids.length;
    if (results.length < BATCH) break;
  }
  return { sent, failed: 0 };
}

/**
 * Sends unsent outbox rows to their queues. Delivery is at least once: a crash between the send and the
 * mark resends, and consumers dedupe on the event id. A failed send leaves that queue's rows for the next
 * flush (after the next write, or the cron); the other queue is not held back.
 */
export async function flushOutbox(db: D1Database, queues: OutboxQueues, maxRounds = 10): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  for (const destination of Object.keys(BINDING) as Destination[]) {
    const outcome = await flushQueue(db, destination, queues[BINDING[destination]], maxRounds);
    total.sent += outcome.sent;
    total.failed += outcome.failed;
  }
  return total;
}
