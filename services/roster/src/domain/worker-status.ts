import { AppError } from "@civicgrid/http";
import type { Env } from "../env";
import { today } from "./dates";
import { flushAfterWrite, gridChangedStatements } from "./outbox";
import type { WorkerRow } from "./rows";

/**
 * A status change with its history row. Dismissal is final: it ends every assignment the worker
 * holds or awaits, removes their logins (the gateway refuses their tokens within a minute) and
 * emits a grid-servers snapshot for each grid they served, all in one batch.
 */
export async function changeWorkerStatus(env: Env, row: WorkerRow, change: { status: WorkerRow["status"]; reason: string }, bySub: string): Promise<WorkerRow> {
  if (row.status === "dismissed") throw new AppError("invalid_transition", "a dismissed worker stays dismissed; register a new appointment instead", { extra: { allowed: [] } });
  if (row.status === change.status) throw new AppError("invalid_transition", `the worker is already ${row.status}`);
  const now = new Date().toISOString();
  const db = env.DB;
  const statements = [
    db.prepare("UPDATE workers SET status = ?3, version = version + 1 WHERE id = ?1 AND version = ?2").bind(row.id, row.version, change.status),
    db.prepare("INSERT INTO worker_status_history (worker_id, status, reason, at, by_sub) VALUES (?1, ?2, ?3, ?4, ?5)").bind(row.id, change.status, change.reason, now, bySub),
  ];
  if (change.status === "dismissed") {
    const { results } = await db.prepare("SELECT DISTINCT grid_code FROM assignments WHERE worker_id = ?1 AND status = 'active'").bind(row.id).all<{ grid_code: string }>();
    statements.push(
      db.prepare("UPDATE assignments SET status = 'ended', end_date = ?2, end_reason = ?3, version = version + 1 WHERE worker_id = ?1 AND status = 'active'").bind(row.id, today(), `dismissed: ${change.reason}`),
      db.prepare("UPDATE assignments SET status = 'withdrawn', end_date = ?2, end_reason = ?3, version = version + 1 WHERE worker_id = ?1 AND status = 'notice'").bind(row.id, today(), `dismissed: ${change.reason}`),
      db.prepare("UPDATE users SET status = 'removed', version = version + 1 WHERE worker_id = ?1 AND status = 'active'").bind(row.id),
      ...results.flatMap((r) => gridChangedStatements(db, r.grid_code, now)),
    );
  }
  const [update] = await db.batch(statements);
  if (!update?.meta.changes) throw new AppError("precondition_failed", "the worker changed while updating; read it again");
  await flushAfterWrite(env);
  const updated = await db.prepare("SELECT * FROM workers WHERE id = ?1").bind(row.id).first<WorkerRow>();
  return updated!;
}
