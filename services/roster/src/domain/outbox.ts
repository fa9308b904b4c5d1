import { log } from "@civicgrid/http";
import type { Env } from "../env";

export const GRID_SERVERS_CHANGED = "roster.grid-servers.changed";

/**
 * Statements that record a `roster.grid-servers.changed` snapshot of a grid, to run in the same
 * D1 batch as the change (after it), so an event exists exactly when the change does. The version
 * is a per-grid counter; the snapshot is built by SQLite from the rows the batch just wrote.
 */
export function gridChangedStatements(db: D1Database, gridCode: string, occurredAt: string): D1PreparedStatement[] {
  return [
    db
      .prepare("INSERT INTO grid_event_versions (grid_code, version) VALUES (?1, 1) ON CONFLICT (grid_code) DO UPDATE SET version = version + 1")
      .bind(gridCode),
    db
      .prepare(
        `INSERT INTO outbox (id, body, created_at)
         SELECT ?1 || ':' || v.version,
           json_object('id', ?1 || ':' || v.version, 'type', '${GRID_SERVERS_CHANGED}', 'source', 'roster', 'aggregateId', ?1,
             'version', v.version, 'occurredAt', ?2,
             'data', json_object('gridCode', ?1, 'servers', json(
               (SELECT coalesce(json_group_array(json(s.server)), '[]') FROM (
                 SELECT CASE WHEN a.department_id IS NULL
                   THEN json_object('workerId', a.worker_id, 'name', w.name, 'role', a.role, 'workPhone', w.work_phone)
                   ELSE json_object('workerId', a.worker_id, 'name', w.name, 'role', a.role, 'workPhone', w.work_phone, 'departmentId', a.department_id)
                 END AS server
                 FROM assignments a JOIN workers w ON w.id = a.worker_id
                 WHERE a.grid_code = ?1 AND a.status = 'active' ORDER BY a.role, a.worker_id) s)))),
           ?2
         FROM grid_event_versions v WHERE v.grid_code = ?1`,
      )
      .bind(gridCode, occurredAt),
  ];
}

/** Sends unsent outbox rows to the queue, oldest first; rows stay unsent when the send fails (the cron retries). */
export async function flushOutbox(env: Env, limit = 100): Promise<{ sent: number }> {
  const { results } = await env.DB.prepare("SELECT id, body FROM outbox WHERE sent_at IS NULL ORDER BY created_at, id LIMIT ?1").bind(limit).all<{ id: string; body: string }>();
  if (results.length === 0) return { sent: 0 };
  await env.EVENTS.sendBatch(results.map((r) => ({ body: JSON.parse(r.body) as unknown, contentType: "json" as const })));
  const ids = results.map((r) => r.id);
  await env.DB.prepare(`UPDATE outbox SET sent_at = ?1 WHERE id IN (${ids.map((_, i) => `?${i + 2}`).join(", ")})`)
    .bind(new Date().toISOString(), ...ids)
    .run();
  return { sent: ids.length };
}

/** After a write: try to send now; a failure is logged and left to the cron, never failing the write. */
export async function flushAfterWrite(env: Env): Promise<void> {
  try {
    await flushOutbox(env);
  } catch (error) {
    log("warn", "outbox flush failed; the cron will retry", { service: "roster", error: error instanceof Error ? error.name : "unknown" });
  }
}
