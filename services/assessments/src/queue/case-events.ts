import { consumeEventBatch } from "@civicgrid/http";
import { readCaseEvent } from "../domain/case-events";
import { dbOf } from "../store/db";
import { storeDisputeEvents } from "../store/dispute-events";
import { storeCaseEvents } from "../store/events";
import { rebuildIndicatorFacts } from "../store/indicator-facts";
import { rollupDay } from "../store/rollup";

/**
 * The consumer of civicgrid-case-events-assessments, on the shared policy (`consumeEventBatch`): an unreadable
 * message is retried until it lands in the dead-letter queue (nothing is acknowledged without being stored);
 * the readable ones are stored once, in one D1 batch, and the days they touch are rolled up again, so facts
 * follow the events within a batch; the events of dispute cases are also kept for the dispute figures, which are
 * recounted per case, as are the indicator facts of every case in the batch. A failure retries them all with
 * backoff; redelivery stores nothing twice.
 */
export async function consumeCaseEvents(d1: D1Database, batch: MessageBatch<unknown>): Promise<void> {
  await consumeEventBatch(batch, {
    service: "assessments",
    parse: readCaseEvent,
    handleAll: async (events) => {
      const db = dbOf(d1);
      // Dispute events first: were they to fail after the case events were stored, the retry would find no
      // new day to roll up.
      await storeDisputeEvents(db, events);
      const outcome = await storeCaseEvents(db, events);
      for (const day of outcome.days) await rollupDay(db, day);
      // 三率 and the standard indicators: the cases of the batch, rebuilt from all of their stored events, even
      // when nothing new was stored (a retry after a failed rebuild must rebuild).
      await rebuildIndicatorFacts(
        db,
        events.map((e) => e.data.caseId),
      );
    },
  });
}
