import { EventEnvelope, GRID_COUNTS_CHANGED, GridCountsChanged } from "@civicgrid/contracts";
import { consumeEventBatch, type ReadEvent } from "@civicgrid/http";
import { upsertBaseCounts } from "../store/base-counts";
import { dbOf } from "../store/db";

type Counted = { envelope: EventEnvelope; data: GridCountsChanged };

/** A grid's counts; null for base data's other events; throws (retried, then dead-lettered) when unreadable. */
const readCounts: ReadEvent<Counted> = (body) => {
  const envelope = EventEnvelope.parse(body);
  if (envelope.type !== GRID_COUNTS_CHANGED) return null;
  return { envelope, data: GridCountsChanged.parse(envelope.data) };
};

/**
 * Consumes the base data's grid counts (底数, issue 14 item 10) into the registry's facts of each grid: households
 * and population come from the base data instead of being typed in. Each event is the whole figure of one grid,
 * ordered by the village object's count version, so the newest wins and a repeated or late one changes nothing.
 * The source and the time counted are kept beside the figures. No announcement follows: counts move with every
 * verified change, and residents subscribed to a grid are told of its workers, not of each new arrival.
 */
export async function consumeBaseDataCounts(batch: MessageBatch<unknown>, d1: D1Database): Promise<void> {
  const db = dbOf(d1);
  await consumeEventBatch(batch, {
    service: "registry",
    parse: readCounts,
    handleAll: async (events) => {
      const [first, ...rest] = events.map(({ envelope, data }) =>
        upsertBaseCounts(db, {
          gridCode: data.gridCode,
          villageCode: data.villageCode,
          households: data.households,
          population: data.population,
          version: data.version,
          source: envelope.source,
          asOf: envelope.occurredAt,
          eventId: envelope.id,
        }),
      );
      if (first) await db.batch([first, ...rest]);
    },
  });
}
