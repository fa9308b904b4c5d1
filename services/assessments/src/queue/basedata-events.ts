import { consumeEventBatch } from "@civicgrid/http";
import { readBasedataEvent } from "../domain/basedata-events";
import type { Env } from "../env";
import { rollupSoon } from "../rollups";
import { storeBasedataEvents } from "../store/basedata-events";
import { byShard, factsOf } from "../store/shards";

/**
 * The consumer of civicgrid-basedata-events-assessments, on the shared policy: visits and verified collection are
 * stored once each (by event id) in the shard of their village's county, one D1 batch per shard, then the days
 * they touch are rolled up again there (at most once every ROLLUP_EVERY_S, see rollupSoon), so a worker's daily
 * facts count them. A failure retries the batch with backoff; redelivery stores nothing twice (an event always
 * goes to its village's shard).
 */
export async function consumeBasedataEvents(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  await consumeEventBatch(batch, {
    service: "assessments",
    parse: (body) => {
      const item = readBasedataEvent(body);
      return item === null ? null : { shard: factsOf(env, item.villageCode), item };
    },
    handleAll: async (read) => {
      await Promise.all(
        byShard(read).map(async ({ shard, items }) =>
          rollupSoon(env, shard, await storeBasedataEvents(shard.db, items)),
        ),
      );
    },
  });
}
