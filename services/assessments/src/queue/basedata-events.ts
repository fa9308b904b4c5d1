import { consumeEventBatch } from "@civicgrid/http";
import { readBasedataEvent } from "../domain/basedata-events";
import { dbOf } from "../store/db";
import { storeBasedataEvents } from "../store/basedata-events";
import { rollupDay } from "../store/rollup";

/**
 * The consumer of civicgrid-basedata-events-assessments, on the shared policy: visits and verified collection are
 * stored once each (by event id), then the days they touch are rolled up again, so a worker's daily facts count
 * them. A failure retries the batch with backoff; redelivery stores nothing twice.
 */
export async function consumeBasedataEvents(d1: D1Database, batch: MessageBatch<unknown>): Promise<void> {
  await consumeEventBatch(batch, {
    service: "assessments",
    parse: readBasedataEvent,
    handleAll: async (events) => {
      const db = dbOf(d1);
      for (const day of await storeBasedataEvents(db, events)) await rollupDay(db, day);
    },
  });
}
