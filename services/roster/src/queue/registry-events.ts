import { EventEnvelope, RegistryGridChanged } from "@civicgrid/contracts";
import { consumeEventBatch } from "@civicgrid/http";
import { dbOf } from "../store/db";
import { upsertKnownGrid } from "../store/known-grids";

export const REGISTRY_GRID_CHANGED = "registry.grid.changed";

type Snapshot = { grid: RegistryGridChanged; envelope: EventEnvelope };

/**
 * A snapshot the roster can keep: a grid code of 15 digits, in the village the snapshot names, as its aggregate.
 * Null for events of other types (not the roster's); throws for one it cannot read.
 */
function readSnapshot(body: unknown): Snapshot | null {
  const envelope = EventEnvelope.parse(body);
  if (envelope.type !== REGISTRY_GRID_CHANGED) return null;
  const grid = RegistryGridChanged.parse(envelope.data);
  const { gridCode, villageCode } = grid;
  if (!/^\d{15}$/.test(gridCode) || gridCode.slice(0, 12) !== villageCode || envelope.aggregateId !== gridCode) {
    throw new RangeError("not a grid snapshot: the grid code, its village and the aggregate disagree");
  }
  return { grid, envelope };
}

/**
 * The consumer of civicgrid-registry-events-roster: grids the registry creates, redraws or retires become the
 * roster's known grids, so the vacancy report covers every grid (and leaves retired ones out). All snapshots of
 * a batch are written in one D1 batch; a failure retries them (the http kit's policy: backoff, then the dead-letter
 * queue civicgrid-dead-letters), as does a message that cannot be read: a grid event is never dropped silently.
 * Events of other types are acknowledged: not the roster's.
 */
export async function consumeRegistryEvents(batch: MessageBatch<unknown>, d1: D1Database): Promise<void> {
  const db = dbOf(d1);
  await consumeEventBatch(batch, {
    service: "roster",
    parse: readSnapshot,
    handleAll: async (snapshots: Snapshot[]) => {
      const now = new Date().toISOString();
      const upsert = ({ grid, envelope }: Snapshot) => upsertKnownGrid(db, grid, envelope.version, envelope.id, now);
      const [first, ...rest] = snapshots.map(upsert);
      if (first) await db.batch([first, ...rest]);
    },
  });
}
