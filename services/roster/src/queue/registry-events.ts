import { EventEnvelope, RegistryGridChanged } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { dbOf } from "../store/db";
import { upsertKnownGrid } from "../store/known-grids";

export const REGISTRY_GRID_CHANGED = "registry.grid.changed";

/** A snapshot the roster can keep: a grid code of 15 digits, in the village the snapshot names, as its aggregate. */
function readSnapshot(body: unknown): { grid: RegistryGridChanged; envelope: EventEnvelope } | "other" | null {
  const envelope = EventEnvelope.safeParse(body);
  if (!envelope.success) return null;
  if (envelope.data.type !== REGISTRY_GRID_CHANGED) return "other";
  const grid = RegistryGridChanged.safeParse(envelope.data.data);
  if (!grid.success) return null;
  const { gridCode, villageCode } = grid.data;
  if (!/^\d{15}$/.test(gridCode) || gridCode.slice(0, 12) !== villageCode) return null;
  if (envelope.data.aggregateId !== gridCode) return null;
  return { grid: grid.data, envelope: envelope.data };
}

/**
 * The consumer of civicgrid-registry-events-roster: grids the registry creates, redraws or retires become the
 * roster's known grids, so the vacancy report covers every grid (and leaves retired ones out). All snapshots of
 * a batch are written in one D1 batch; a database failure retries the batch. A message that cannot be read is
 * retried until Queues moves it to the dead-letter queue (civicgrid-roster-dlq), as the assessments consumer
 * does: a grid event is never dropped silently. Events of other types are acknowledged: not the roster's.
 */
export async function consumeRegistryEvents(batch: MessageBatch<unknown>, d1: D1Database): Promise<void> {
  const db = dbOf(d1);
  const now = new Date().toISOString();
  const kept: { message: Message<unknown>; statement: ReturnType<typeof upsertKnownGrid> }[] = [];
  for (const message of batch.messages) {
    const read = readSnapshot(message.body);
    if (read === "other") {
      log("info", "registry event not read by the roster", { service: "roster", messageId: message.id });
      message.ack();
    } else if (read === null) {
      const context = { service: "roster", messageId: message.id, attempts: message.attempts };
      log("warn", "unreadable registry grid event; retried until dead-lettered", context);
      message.retry();
    } else {
      kept.push({ message, statement: upsertKnownGrid(db, read.grid, read.envelope.version, read.envelope.id, now) });
    }
  }
  const [first, ...rest] = kept.map((k) => k.statement);
  if (!first) return;
  try {
    await db.batch([first, ...rest]);
    for (const k of kept) k.message.ack();
  } catch (error) {
    log("error", "known grids not written; retrying", { service: "roster", count: kept.length, error: String(error) });
    for (const k of kept) k.message.retry({ delaySeconds: 5 });
  }
}
