import { EventEnvelope, GridServersChanged } from "@civicgrid/contracts";
import { consumeEventBatch, type ReadEvent } from "@civicgrid/http";
import { dbOf, type Statement } from "../store/db";
import { shows, upsertServers } from "../store/disclosure";
import { flushAfter, registryEvent, registryOutbox, type OutboxQueues } from "../store/outbox";

export const GRID_SERVERS_CHANGED = "roster.grid-servers.changed";

type Snapshot = { envelope: EventEnvelope; data: GridServersChanged };

/** A grid-servers snapshot; null for the roster's other events; throws (retried, then dead-lettered) when unreadable. */
const readSnapshot: ReadEvent<Snapshot> = (body) => {
  const envelope = EventEnvelope.parse(body);
  if (envelope.type !== GRID_SERVERS_CHANGED) return null;
  return { envelope, data: GridServersChanged.parse(envelope.data) };
};

/**
 * Consumes the roster's grid-servers snapshots into the disclosure projection, through the shared consumer
 * policy (an unreadable message is retried until the dead-letter queue takes it; a failed write retries with
 * backoff). Each snapshot is the whole list for one grid, ordered per grid by the envelope version, so the
 * newest version wins and an older or repeated one changes nothing: redelivery and reordering are harmless.
 * Only names, roles and work phones are kept (the schema drops anything else, e.g. a private phone sent by
 * mistake).
 *
 * When a snapshot wins, `registry.disclosure.changed` goes out (through the outbox, in the same batch) so
 * that residents subscribed to the grid are told; a snapshot that changed nothing announces nothing.
 */
export async function consumeRosterEvents(
  batch: MessageBatch<unknown>,
  d1: D1Database,
  queues: OutboxQueues,
): Promise<void> {
  const db = dbOf(d1);
  await consumeEventBatch(batch, {
    service: "registry",
    parse: readSnapshot,
    handleAll: async (snapshots) => {
      const statements: Statement[] = snapshots.flatMap(({ envelope, data }) => {
        const servers = data.servers.map(({ workerId, name, role, workPhone }) => ({
          workerId,
          name,
          role,
          workPhone,
        }));
        const { gridCode } = data;
        const announced = registryEvent("registry.disclosure.changed", gridCode, envelope.version, { gridCode });
        return [
          upsertServers(db, { gridCode, version: envelope.version, servers, eventId: envelope.id }),
          // Announced only when this snapshot is the one now shown (the projection row carries its event id).
          registryOutbox(db, announced, shows(gridCode, envelope.id)),
        ];
      });
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
    },
  });
  // The announcements are safe in the outbox; a failure to send now is the cron's to retry.
  await flushAfter(db, queues);
}
