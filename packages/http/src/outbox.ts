import type { EventEnvelope } from "@civicgrid/contracts";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { log } from "./logging";
import { outbox } from "./store/tables";

/**
 * The transactional outbox (table `outbox`, ./store/tables.ts). A service writes an event's rows in the same
 * D1 batch as the change the event describes, so an event exists exactly when its change does; it sends them
 * after the write and from its cron. Delivery is at least once (a crash between the send and the mark resends),
 * so consumers dedupe on the event id.
 */

/**
 * An event to record: an envelope, or SQL expressions for its id and JSON body that SQLite evaluates when the
 * statement runs, so that they can read what the batch's earlier statements wrote (a snapshot, a version).
 */
export type OutboxEvent = EventEnvelope | { id: SQL; body: SQL };

/** Any D1 database of drizzle's, whatever its schema. */
export type AnyDrizzleD1<S extends Record<string, unknown> = Record<string, unknown>> = DrizzleD1Database<S>;

/**
 * The statement to put in the caller's `db.batch`, after the change: one row per destination queue, none where
 * the row exists (rewriting an event with the same id adds nothing). With `onlyIf` (an SQL condition, e.g.
 * drizzle's `exists(...)`), the rows are written only when it holds once the batch's earlier statements ran.
 */
export function outboxInsert<S extends Record<string, unknown>>(
  db: AnyDrizzleD1<S>,
  event: OutboxEvent,
  queues: readonly string[],
  onlyIf?: SQL,
) {
  if (queues.length === 0) throw new RangeError("an outbox event needs at least one destination queue");
  const [id, body] = "type" in event ? [sql`${event.id}`, sql`${JSON.stringify(event)}`] : [event.id, event.body];
  const destinations = sql.join(
    queues.map((queue) => sql`SELECT ${queue} AS queue`),
    sql` UNION ALL `,
  );
  // INSERT ... SELECT ... ON CONFLICT needs a WHERE in its SELECT (SQLite's parser), hence `true` by default.
  // Built by drizzle's insert rather than `db.run(sql)`, whose statements drizzle's D1 batch cannot bind.
  const rows = sql`SELECT ${id}, d.queue, ${body}, ${Date.now()}, NULL FROM (${destinations}) d
    WHERE ${onlyIf ?? sql`true`}`;
  return db.insert(outbox).select(rows).onConflictDoNothing();
}

/** What a service's outbox sends to: its queue bindings by the destination name its rows carry. */
export type OutboxSender = { sendBatch(messages: Iterable<MessageSendRequest>): Promise<unknown> };
export type OutboxSenders = Record<string, OutboxSender>;
export type FlushOptions = { service: string; maxRounds?: number };

const BATCH = 100; // the most messages Queues take in one sendBatch

/** Sends one destination's unsent rows, oldest first, then marks them sent; a failed send leaves them for later. */
async function flushQueue<S extends Record<string, unknown>>(
  db: AnyDrizzleD1<S>,
  queue: string,
  sender: OutboxSender,
  options: FlushOptions,
) {
  let sent = 0;
  for (let round = 0; round < (options.maxRounds ?? 10); round++) {
    const rows = await db
      .select({ id: outbox.id, body: outbox.body })
      .from(outbox)
      .where(and(eq(outbox.queue, queue), isNull(outbox.sentAt)))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    try {
      await sender.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) as unknown, contentType: "json" as const })));
    } catch (error) {
      const context = { service: options.service, queue, pending: rows.length, error: String(error) };
      log("warn", "outbox send failed; the cron retries", context);
      return { sent, failed: rows.length };
    }
    // Ids as one JSON parameter: D1 binds at most 100 parameters to a statement.
    const ids = JSON.stringify(rows.map((r) => r.id));
    await db
      .update(outbox)
      .set({ sentAt: Date.now() })
      .where(and(eq(outbox.queue, queue), sql`${outbox.id} IN (SELECT value FROM json_each(${ids}))`));
    sent += rows.length;
    if (rows.length < BATCH) break;
  }
  return { sent, failed: 0 };
}

/**
 * Sends the unsent rows of every destination in `senders` (rows of other destinations are left alone). Each
 * destination on its own: a failed send leaves that destination's rows for the next flush (after the next
 * write, or the cron) and never holds back the others.
 */
export async function flushOutbox<S extends Record<string, unknown>>(
  db: AnyDrizzleD1<S>,
  senders: OutboxSenders,
  options: FlushOptions,
): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  for (const [queue, sender] of Object.entries(senders)) {
    const outcome = await flushQueue(db, queue, sender, options);
    total.sent += outcome.sent;
    total.failed += outcome.failed;
  }
  return total;
}

/** After a write: try to send now; a failure is logged and left to the cron, never failing the write. */
export async function flushAfterWrite<S extends Record<string, unknown>>(
  db: AnyDrizzleD1<S>,
  senders: OutboxSenders,
  options: FlushOptions,
): Promise<void> {
  try {
    await flushOutbox(db, senders, options);
  } catch (error) {
    log("warn", "outbox flush failed; the cron will retry", { service: options.service, error: String(error) });
  }
}
