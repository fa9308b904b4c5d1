import { log } from "@civicgrid/http";
import { readCaseEvent, UnreadableEvent, type CaseEvent } from "../domain/case-events";
import { dbOf } from "../store/db";
import { storeCaseEvents } from "../store/events";
import { rollupDay } from "../store/rollup";

/**
 * The consumer of civicgrid-case-events-assessments. Unreadable messages are retried until they land in
 * the dead-letter queue (nothing is acknowledged without being stored); readable ones are stored once
 * and the days they touch are rolled up again, so facts follow the events within a batch.
 */
export async function consumeCaseEvents(d1: D1Database, batch: MessageBatch<unknown>): Promise<void> {
  const readable: { message: Message<unknown>; event: CaseEvent }[] = [];
  for (const message of batch.messages) {
    try {
      readable.push({ message, event: readCaseEvent(message.body) });
    } catch (error) {
      if (!(error instanceof UnreadableEvent)) throw error;
      const { id: messageId, attempts } = message;
      log("warn", "unreadable case event", { service: "assessments", messageId, reason: error.message, attempts });
      message.retry();
    }
  }
  if (readable.length === 0) return;
  const db = dbOf(d1);
  const outcome = await storeCaseEvents(db, readable.map((r) => r.event));
  for (const day of outcome.days) await rollupDay(db, day);
  for (const r of readable) r.message.ack();
}
