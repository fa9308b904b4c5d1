import type { EventEnvelope } from "@civicgrid/contracts";
import type { VillageDb } from "./db";
import { outbox } from "./schema";

/** Where the village object's outbox delivers; delivery.ts says how each is sent. */
export type Destination = "assessments" | "notifications" | "identity" | "counts" | "cases" | "campaigns";

/** Records something to deliver, in the caller's transaction; a row with the same id and destination is kept once. */
export function enqueue(db: VillageDb, destination: Destination, id: string, body: unknown): void {
  db.insert(outbox)
    .values({ id, destination, body: JSON.stringify(body), createdAt: Date.now() })
    .onConflictDoNothing()
    .run();
}

/** An event envelope from this village (aggregate: the record; version: the record's version). */
export function villageEvent(
  type: string,
  villageCode: string,
  aggregateId: string,
  version: number,
  data: Record<string, unknown>,
  at: Date,
): EventEnvelope {
  return {
    id: `${type}:${aggregateId}:${version}`,
    type,
    source: `basedata/${villageCode}`,
    aggregateId,
    version,
    occurredAt: at.toISOString(),
    data,
  };
}
