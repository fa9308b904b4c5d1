import { consumeEventBatch } from "@civicgrid/http";
import { readCaseEvent } from "../domain/case-events";
import type { Env } from "../env";
import { rollupSoon } from "../rollups";
import { storeDisputeEvents } from "../store/dispute-events";
import { storeCaseEvents } from "../store/events";
import { rebuildIndicatorFacts } from "../store/indicator-facts";
import { byShard, factsOf } from "../store/shards";

/**
 * The consumer of civicgrid-case-events-assessments, on the shared policy (`consumeEventBatch`): an unreadable
 * message (or one of a county this deployment has no shard of) is retried until it lands in the dead-letter
 * queue (nothing is acknowledged without being stored); the readable ones are grouped by their case's county and
 * each group is stored once in its county's shard, in one D1 batch. The days they touch are rolled up again there
 * at most once every ROLLUP_EVERY_S (rollups.ts rollupSoon), so facts follow the events within that and a minute.
 * The events of dispute cases are also kept for the dispute figures, which are recounted per case, as are the
 * indicator facts of every case in the batch. The shards are written in parallel. A failure retries them all with
 * backoff; redelivery stores nothing twice, since an event always goes to the same shard (its case's county),
 * which keeps it by its id.
 */
export async function consumeCaseEvents(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  await consumeEventBatch(batch, {
    service: "assessments",
    parse: (body) => {
      const item = readCaseEvent(body);
      return { shard: factsOf(env, item.data.countyCode), item };
    },
    handleAll: async (read) => {
      await Promise.all(
        byShard(read).map(async ({ shard, items: events }) => {
          // Dispute events first: were they to fail after the case events were stored, the retry would find no
          // new day to roll up.
          await storeDisputeEvents(shard.db, events);
          const outcome = await storeCaseEvents(shard.db, events);
          await rollupSoon(env, shard, outcome.days);
          // 三率 and the standard indicators: the cases of the batch, rebuilt from all of their stored events,
          // even when nothing new was stored (a retry after a failed rebuild must rebuild).
          await rebuildIndicatorFacts(
            shard.db,
            events.map((e) => e.data.caseId),
          );
        }),
      );
    },
  });
}
