import { EventEnvelope, GridServersChanged } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { dbOf, type Statement } from "../store/db";
import { shows, upsertServers } from "../store/disclosure";
import { flushOutbox, outboxInsert, registryEvent, type OutboxQueues } from "../store/outbox";

export const GRID_SERVERS_CHANGED = "roster.grid-servers.changed";

/**
 * Consumes the roster's grid-servers snapshots into the disclosure projection. Each snapshot is the whole
 * list for one grid, ordered per grid by the envelope version, so the newest version wins and an older or
 * repeated one changes nothing: redelivery and reordering are harmless. Only names, roles and work phones
 * are kept (the schema drops anything else, e.g. a private phone sent by mistake). Messages that can never
 * be read are acknowledged and logged; a database failure retries the batch.
 *
 * When a snapshot wins, `registry.disclosure.changed` goes out (through the outbox, in the same batch) so
 * that residents subscribed to the grid are told; a snapshot that changed nothing announces nothing.
 */
export async function consumeRosterEvents(batch: MessageBatch<unknown>, d1: D1Database, queues: OutboxQueues): Promise<void> {
  const db = dbOf(d1);
  const statements: Statement[] = [];
  for (const message of batch.messages) {
    const envelope = EventEnvelope.safeParse(message.body);
    const data = envelope.success && envelope.data.type === GRID_SERVERS_CHANGED ? GridServersChanged.safeParse(envelope.data.data) : null;
    if (!envelope.success || !data?.success) {
      log("warn", "roster event ignored: not a grid-servers snapshot", { service: "registry", messageId: message.id });
      continue;
    }
    const servers = data.data.servers.map(({ workerId, name, role, workPhone }) => ({ workerId, name, role, workPhone }));
    const { gridCode } = data.data;
    statements.push(upsertServers(db, { gridCode, version: envelope.data.version, servers, eventId: envelope.data.id }));
    // Announced only when this snapshot is the one now shown (the projection row carries its event id).
    const announced = registryEvent("registry.disclosure.changed", gridCode, envelope.data.version, { gridCode });
    statements.push(outboxInsert(db, announced, shows(gridCode, envelope.data.id)));
  }
  try {
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
    batch.ackAll();
  } catch (error) {
    log("error", "disclosure projection write failed; retrying the batch", { service: "registry", messages: batch.messages.length, error: String(error) });
    batch.retryAll({ delaySeconds: 5 });
    return;
  }
  // The announcements are safe in the outbox; a failure to send now is the cron's to retry.
  await flushOutbox(db, queues).catch((error: unknown) => log("warn", "outbox flush after disclosure change failed", { service: "registry", error: String(error) }));
}
