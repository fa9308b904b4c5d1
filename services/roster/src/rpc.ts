import type { DutyContact, GridServer } from "@civicgrid/contracts";
import { today } from "./domain/dates";

/**
 * The RosterRpc answers (contracts/src/rpc.ts). Who served on a date is read from start and end
 * dates, so the past can be asked about; nothing private (ID numbers, private phones) is returned.
 */
const SERVING_ON = "a.status IN ('active', 'ended') AND a.start_date <= ?2 AND (a.end_date IS NULL OR a.end_date > ?2)";

export async function gridServers(db: D1Database, gridCode: string, onDate: string = today()): Promise<GridServer[]> {
  const { results } = await db
    .prepare(
      `SELECT a.worker_id AS workerId, w.name, a.role, w.work_phone AS workPhone, a.department_id AS departmentId
       FROM assignments a JOIN workers w ON w.id = a.worker_id WHERE a.grid_code = ?1 AND ${SERVING_ON} ORDER BY a.role, a.worker_id`,
    )
    .bind(gridCode, onDate)
    .all<GridServer & { departmentId: string | null }>();
  return results.map(({ departmentId, ...s }) => ({ ...s, ...(departmentId ? { departmentId } : {}) }));
}

export async function workerGrids(db: D1Database, workerId: string, onDate: string = today()): Promise<{ gridCode: string; role: GridServer["role"] }[]> {
  const { results } = await db
    .prepare(`SELECT a.grid_code AS gridCode, a.role FROM assignments a WHERE a.worker_id = ?1 AND ${SERVING_ON} ORDER BY a.grid_code`)
    .bind(workerId, onDate)
    .all<{ gridCode: string; role: GridServer["role"] }>();
  return results;
}

export async function department(db: D1Database, departmentId: string): Promise<DutyContact | null> {
  const [dept, staff] = await db.batch([
    db.prepare("SELECT id, name, duty_phone, division_code FROM departments WHERE id = ?1").bind(departmentId),
    db.prepare("SELECT sub FROM users WHERE department_id = ?1 AND status = 'active' ORDER BY sub").bind(departmentId),
  ]);
  const d = dept?.results[0] as { id: string; name: string; duty_phone: string; division_code: string } | undefined;
  if (!d) return null;
  return { departmentId: d.id, name: d.name, dutyPhone: d.duty_phone, divisionCode: d.division_code, staffSubs: (staff?.results ?? []).map((r) => (r as { sub: string }).sub) };
}

export async function principalStatus(db: D1Database, sub: string): Promise<{ active: boolean; reason?: string }> {
  const row = await db
    .prepare("SELECT u.status AS user_status, w.status AS worker_status FROM users u LEFT JOIN workers w ON w.id = u.worker_id WHERE u.sub = ?1")
    .bind(sub)
    .first<{ user_status: string; worker_status: string | null }>();
  if (!row) return { active: false, reason: "unknown_subject" };
  if (row.user_status !== "active") return { active: false, reason: "removed" };
  if (row.worker_status && row.worker_status !== "active") return { active: false, reason: `worker_${row.worker_status}` };
  return { active: true };
}
