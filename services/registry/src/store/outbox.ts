import type { EventEnvelope } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { RegistryEventType } from "@civicgrid/contracts";

/** Every five minutes: send events whose send failed after their write (the outbox). Not exported from the
 * worker's entry module: workerd allows only handlers and classes there. */
export const FLUSH_CRON = "*/5 * * * *";

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
 * The outbox row to put in the same D1 batch as the change the event describes. With `onlyIf`, the row is
 * written only when that query (placeholders from ?4) finds a row once the batch's earlier statements ran.
 */
export function outboxStatement(db: D1Database, event: EventEnvelope, onlyIf?: { sql: string; args: unknown[] }): D1PreparedStatement {
  const guard = onlyIf ? ` WHERE EXISTS (${onlyIf.sql})` : "";
  return db
    .prepare(`INSERT OR IGNORE INTO outbox (id, body, created_at) SELECT ?1, ?2, ?3${guard}`)
    .bind(event.id, JSON.stringify(event), Date.now(), ...(onlyIf?.args ?? []));
}

const BATCH = 100; // the most messages Queues take in one sendBatch

/**
 * Sends unsent outbox rows, oldest first, then marks them sent. Delivery is at least once: a crash between
 * the send and the mark resends, and consumers dedupe on the event id. A failed send leaves the rows for the
 * next flush (after the next write, or the cron).
 */
export async function flushOutbox(db: D1Database, queue: Pick<Queue, "sendBatch">, maxRounds = 10): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  for (let round = 0; round < maxRounds; round++) {
    const { results } = await db
      .prepare("SELECT id, body FROM outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ?1")
      .bind(BATCH)
      .all<{ id: string; body: string }>();
    if (results.length === 0) break;
    try {
      await queue.sendBatch(results.map((r) => ({ body: JSON.parse(r.body) as EventEnvelope, contentType: "json" as const })));
    } catch (error) {
      log("warn", "outbox send failed; the cron retries", { service: "registry", pending: results.length, error: String(error) });
      return { sent, failed: results.length };
    }
    const ids = results.map((r) => r.id);
    await db
      .prepare(`UPDATE outbox SET sent_at = ?1 WHERE id IN (${ids.map((_, i) => `?${i + 2}`).join(", ")})`)
      .bind(Date.now(), ...ids)
      .run();
    sent += ids.length;
    if (results.length < BATCH) break;
  }
  return { sent, failed: 0 };
}
