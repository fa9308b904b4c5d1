import { flushAfterWrite as flushNow, flushOutbox as flush, outboxInsert } from "@civicgrid/http";
import { sql } from "drizzle-orm";
import type { Env } from "../env";
import { dbOf, type Db } from "./db";
import { gridEventVersions } from "./schema";

export const GRID_SERVERS_CHANGED = "roster.grid-servers.changed";

/** The roster's one destination: the registry's queue of grid-servers snapshots (binding EVENTS). */
const QUEUES = ["events"] as const;
const senders = (env: Env) => ({ events: env.EVENTS });
const OPTIONS = { service: "roster" };

/** The grid's event version, as the batch's statement before has just counted it up. */
const versionOf = (gridCode: string) => {
  const { version, gridCode: code } = gridEventVersions;
  return sql`(SELECT ${version} FROM ${gridEventVersions} WHERE ${code} = ${gridCode})`;
};

/** The event id, `<grid>:<version>`. */
const eventId = (gridCode: string) => sql`${gridCode} || ':' || ${versionOf(gridCode)}`;

/**
 * The event's body as SQLite builds it with json_object (`sql`: drizzle has no JSON construction), from the
 * serving rows the batch has just written, in the order of RosterRpc.gridServers (role, worker).
 */
const snapshot = (gridCode: string, occurredAt: string) => sql`json_object(
  'id', ${eventId(gridCode)}, 'type', ${GRID_SERVERS_CHANGED}, 'source', 'roster',
  'aggregateId', ${gridCode}, 'version', ${versionOf(gridCode)}, 'occurredAt', ${occurredAt},
  'data', json_object('gridCode', ${gridCode}, 'servers', json(
    (SELECT coalesce(json_group_array(json(s.server)), '[]') FROM (
      SELECT CASE WHEN a.department_id IS NULL
        THEN json_object('workerId', a.worker_id, 'name', w.name, 'role', a.role, 'workPhone', w.work_phone)
        ELSE json_object('workerId', a.worker_id, 'name', w.name, 'role', a.role, 'workPhone', w.work_phone,
          'departmentId', a.department_id)
      END AS server
      FROM assignments a JOIN workers w ON w.id = a.worker_id
      WHERE a.grid_code = ${gridCode} AND a.status = 'active' ORDER BY a.role, a.worker_id) s))))`;

/**
 * Statements that record a `roster.grid-servers.changed` snapshot of a grid, to run in the same batch as the
 * change (after it), so an event exists exactly when the change does: the grid's version counted up, then the
 * outbox row (the http kit's), its id and body evaluated by SQLite when the statement runs.
 */
export function gridChangedStatements(db: Db, gridCode: string, occurredAt: string) {
  return [
    db
      .insert(gridEventVersions)
      .values({ gridCode, version: 1 })
      .onConflictDoUpdate({
        target: gridEventVersions.gridCode,
        set: { version: sql`${gridEventVersions.version} + 1` },
      }),
    outboxInsert(db, { id: eventId(gridCode), body: snapshot(gridCode, occurredAt) }, QUEUES),
  ] as const;
}

/** Sends unsent outbox rows, oldest first, 100 a round; rows stay unsent when the send fails (the cron retries). */
export function flushOutbox(env: Env, maxRounds?: number) {
  return flush(dbOf(env.DB), senders(env), { ...OPTIONS, maxRounds });
}

/** After a write: try to send now; a failure is logged and left to the cron, never failing the write. */
export function flushAfterWrite(env: Env): Promise<void> {
  return flushNow(dbOf(env.DB), senders(env), OPTIONS);
}
