import type { EventEnvelope, RegistryEventType } from "@civicgrid/contracts";
import { flushAfterWrite, flushOutbox as flushShared, outboxInsert } from "@civicgrid/http";
import type { SQL } from "drizzle-orm";
import type { Db, Statement } from "./db";

/**
 * The queues the outbox sends to. Each queue has one consumer, so an event goes to the queue of every
 * service that needs it: all to notifications (EVENTS), grid changes also to the roster, whose vacancy
 * report must cover every grid (REGISTRY_TO_ROSTER_QUEUE).
 */
export interface OutboxQueues {
  EVENTS: Pick<Queue, "sendBatch">;
  ROSTER_EVENTS: Pick<Queue, "sendBatch">;
}
const senders = (queues: OutboxQueues) => ({ events: queues.EVENTS, roster: queues.ROSTER_EVENTS });
const destinationsOf = (type: string) => (type === "registry.grid.changed" ? ["events", "roster"] : ["events"]);
const SERVICE = { service: "registry" };

/** An event with an id that stays the same however often it is written or sent. */
export function registryEvent(
  type: RegistryEventType,
  aggregateId: string,
  version: number,
  data: Record<string, unknown>,
  id?: string,
): EventEnvelope {
  const occurredAt = new Date().toISOString();
  return {
    id: id ?? `${type}:${aggregateId}:${version}`,
    type,
    source: "registry",
    aggregateId,
    version,
    occurredAt,
    data,
  };
}

/**
 * The outbox rows of an event (one per queue that needs it) to put in the same D1 batch as the change it
 * describes; with `onlyIf`, written only when that condition holds once the batch's earlier statements ran.
 */
export function registryOutbox(db: Db, event: EventEnvelope, onlyIf?: SQL): Statement {
  return outboxInsert(db, event, destinationsOf(event.type), onlyIf);
}

/** Sends the unsent rows of both queues, each on its own (a failed send holds back neither the other nor the write). */
export function flushOutbox(
  db: Db,
  queues: OutboxQueues,
  maxRounds?: number,
): Promise<{ sent: number; failed: number }> {
  return flushShared(db, senders(queues), { ...SERVICE, ...(maxRounds ? { maxRounds } : {}) });
}

/** After a write: send now if the queues take it; what fails is logged and left to the cron. */
export function flushAfter(db: Db, queues: OutboxQueues): Promise<void> {
  return flushAfterWrite(db, senders(queues), SERVICE);
}
