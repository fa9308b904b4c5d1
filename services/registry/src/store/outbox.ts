import type { EventEnvelope, RegistryEventType } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { inJson, type Db, type Statement } from "./db";
import { outbox } from "./schema";

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
export function registryEvent(
  type: RegistryEventType,
  aggregateId: string,
  version: number,
  data: Record<string, unknown>,
  id?: string,
): EventEnvelope {
  return { id: id ?? `${type}:${aggregateId}:${version}`, type, source: "registry", aggregateId, version, occurredAt: new Date().toISOString(), data };
}

/**
 * The outbox rows (one per destination queue) to put in the same D1 batch as the change the event describes.
 * With `onlyIf` (an EXISTS subquery), they are written only when it finds a row once the batch's earlier
 * statements ran: an INSERT ... SELECT, which drizzle's insert builder cannot guard.
 */
export function outboxInsert(db: Db, event: EventEnvelope, onlyIf?: SQL): Statement {
  const rows = destinationsOf(event.type).map((queue) => ({ id: event.id, queue, body: JSON.stringify(event), createdAt: Date.now() }));
  if (!onlyIf) return db.insert(outbox).values(rows).onConflictDoNothing();
  // The destinations are literals from the closed list above, never input.
  const queues = sql.raw(rows.map((r) => `SELECT '${r.queue}' AS queue`).join(" UNION ALL "));
  const [row] = rows as [(typeof rows)[number]];
  // Every column in the table's order (id, queue, body, created_at, sent_at), as drizzle's insert-select lists them.
  const select = sql`SELECT ${row.id}, d.queue, ${row.body}, ${row.createdAt}, NULL FROM (${queues}) d WHERE EXISTS (${onlyIf})`;
  return db.insert(outbox).select(select).onConflictDoNothing();
}

const BATCH = 100; // the most messages Queues take in one sendBatch

/** Sends one queue's unsent rows, oldest first, then marks them sent; a failed send leaves them for later. */
async function flushQueue(db: Db, destination: Destination, queue: Pick<Queue, "sendBatch">, maxRounds: number) {
  let sent = 0;
  for (let round = 0; round < maxRounds; round++) {
    const rows = await db
      .select({ id: outbox.id, body: outbox.body })
      .from(outbox)
      .where(and(eq(outbox.queue, destination), isNull(outbox.sentAt)))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    try {
      await queue.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) as EventEnvelope, contentType: "json" as const })));
    } catch (error) {
      log("warn", "outbox send failed; the cron retries", { service: "registry", queue: destination, pending: rows.length, error: String(error) });
      return { sent, failed: rows.length };
    }
    const ids = rows.map((r) => r.id);
    await db
      .update(outbox)
      .set({ sentAt: Date.now() })
      .where(and(eq(outbox.queue, destination), inJson(outbox.id, ids)));
    sent += ids.length;
    if (rows.length < BATCH) break;
  }
  return { sent, failed: 0 };
}

/**
 * Sends unsent outbox rows to their queues. Delivery is at least once: a crash between the send and the
 * mark resends, and consumers dedupe on the event id. A failed send leaves that queue's rows for the next
 * flush (after the next write, or the cron); the other queue is not held back.
 */
export async function flushOutbox(db: Db, queues: OutboxQueues, maxRounds = 10): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  for (const destination of Object.keys(BINDING) as Destination[]) {
    const outcome = await flushQueue(db, destination, queues[BINDING[destination]], maxRounds);
    total.sent += outcome.sent;
    total.failed += outcome.failed;
  }
  return total;
}
