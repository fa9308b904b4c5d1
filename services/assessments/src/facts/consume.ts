import { log } from "@civicgrid/http";
import { rollupDay } from "./rollup";
import { readCaseEvent, storeCaseEvents, UnreadableEvent } from "./store-events";

/**
 * The consumer of civicgrid-case-events-assessments. Unreadable messages are retried until they land in
 * the dead-letter queue (nothing is acknowledged without being stored); readable ones are stored once
 * and the days they touch are rolled up again, so facts follow the events within a batch.
 */
export async function consumeCaseEvents(db: D1Database, batch: MessageBatch<unknown>): Promise<void> {
  const readable: { message: Message<unknown>; event: ReturnType<typeof readCaseEvent> }[] = [];
  for (const message of batch.messages) {
    try {
      readable.push({ message, event: readCaseEvent(message.body) });
    } catch (error) {
      if (!(error instanceof UnreadableEvent)) throw error;
      log("warn", "unreadable case event", { service: "assessments", messageId: message.id, reason: error.message, attempts: message.attempts });
      message.retry();
    }
  }
  if (readable.length === 0) return;
  const outcome = await storeCaseEvents(db, readable.map((r) => r.event));
  for (const day of outcome.days) await rollupDay(db, day);
  for (const r of readable) r.message.ack();
}
