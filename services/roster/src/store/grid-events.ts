import { log } from "@civicgrid/http";
import { asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Env } from "../env";
import { dbOf, jsonIds, type Db } from "./db";
import { gridEventVersions, outbox } from "./schema";

export const GRID_SERVERS_CHANGED = "roster.grid-servers.changed";

/** The event id `<grid>:<version>`, read from the version row the batch has just counted up. */
const eventId = sql<string>`${gridEventVersions.gridCode} || ':' || ${gridEventVersions.version}`;

/**
 * The event's body as SQLite builds it with json_object (`sql`: drizzle has no JSON construction), from the
 * serving rows the batch has just written, in the order of RosterRpc.gridServers (role, worker).
 */
const snapshot = (gridCode: string, occurredAt: string) => sql<string>`json_object('id', ${eventId},
  'type', ${GRID_SERVERS_CHANGED}, 'source', 'roster', 'aggregateId', ${gridCode},
  'version', ${gridEventVersions.version}, 'occurredAt', ${occurredAt},
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
 * change (after it), so an event exists exactly when the change does. The version is a per-grid counter; the
 * outbox row is an INSERT ... SELECT over it.
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
    db.insert(outbox).select(
      db
        .select({
          id: eventId.as("id"),
          body: snapshot(gridCode, occurredAt).as("body"),
          createdAt: sql<string>`${occurredAt}`.as("created_at"),
          sentAt: sql<null>`NULL`.as("sent_at"),
        })
        .from(gridEventVersions)
        .where(eq(gridEventVersions.gridCode, gridCode)),
    ),
  ] as const;
}

/** Sends unsent outbox rows to the queue, oldest first; rows stay unsent when the send fails (the cron retries). */
export async function flushOutbox(env: Env, limit = 100): Promise<{ sent: number }> {
  const db = dbOf(env.DB);
  const rows = await db
    .select({ id: outbox.id, body: outbox.body })
    .from(outbox)
    .where(isNull(outbox.sentAt))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit);
  if (rows.length === 0) return { sent: 0 };
  await env.EVENTS.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) as unknown, contentType: "json" as const })));
  const ids = rows.map((r) => r.id);
  await db.update(outbox).set({ sentAt: new Date().toISOString() }).where(inArray(outbox.id, jsonIds(ids)));
  return { sent: ids.length };
}

/** After a write: try to send now; a failure is logged and left to the cron, never failing the write. */
export async function flushAfterWrite(env: Env): Promise<void> {
  try {
    await flushOutbox(env);
  } catch (error) {
    const name = error instanceof Error ? error.name : "unknown";
    log("warn", "outbox flush failed; the cron will retry", { service: "roster", error: name });
  }
}
