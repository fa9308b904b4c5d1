import type { DutyContact, GridServer, MediatorContact } from "@civicgrid/contracts";
import { today } from "./domain/dates";
import { mayMediate } from "./domain/mediation";
import { dbOf } from "./store/db";
import { mediatorWithBody } from "./store/mediators";
import { dutyContact, gridServersOn, subjectStatus, workerGridsOn } from "./store/serving";

/**
 * The RosterRpc answers (contracts/src/rpc.ts). Who served on a date is read from start and end
 * dates, so the past can be asked about; nothing private (ID numbers, private phones) is returned.
 */
export async function gridServers(db: D1Database, gridCode: string, onDate: string = today()): Promise<GridServer[]> {
  const servers = await gridServersOn(dbOf(db), gridCode, onDate);
  return servers.map(({ departmentId, ...s }) => ({ ...s, ...(departmentId ? { departmentId } : {}) }));
}

export async function workerGrids(
  db: D1Database,
  workerId: string,
  onDate: string = today(),
): Promise<{ gridCode: string; role: GridServer["role"] }[]> {
  return await workerGridsOn(dbOf(db), workerId, onDate);
}

export async function department(db: D1Database, departmentId: string): Promise<DutyContact | null> {
  const d = await dutyContact(dbOf(db), departmentId);
  if (!d) return null;
  const { id, ...contact } = d;
  return { departmentId: id, ...contact };
}

export async function principalStatus(db: D1Database, sub: string): Promise<{ active: boolean; reason?: string }> {
  const row = await subjectStatus(dbOf(db), sub);
  if (!row) return { active: false, reason: "unknown_subject" };
  if (row.userStatus !== "active") return { active: false, reason: "removed" };
  if (row.workerStatus && row.workerStatus !== "active") return { active: false, reason: `worker_${row.workerStatus}` };
  return { active: true };
}

/**
 * A registered mediator as the cases service checks an assignment (RosterMediatorsRpc): the name unmasked (a
 * mediator acts in their own name), never the phone; inactive when deactivated, their body stood down, their worker
 * no longer on duty, or their qualification expired today.
 */
export async function mediator(db: D1Database, mediatorId: string): Promise<MediatorContact | null> {
  const row = await mediatorWithBody(dbOf(db), mediatorId);
  if (!row) return null;
  const { mediator: m, bodyName, bodyActive, workerStatus } = row;
  const valid = `${m.certificateNumber} (${m.certificateIssuedBy}, valid until ${m.certificateValidUntil})`;
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    bodyId: m.bodyId,
    bodyName,
    divisionCode: m.divisionCode,
    workerId: m.workerId,
    qualification: valid,
    active: mayMediate({ ...m, validUntil: m.certificateValidUntil, bodyActive, workerStatus, today: today() }),
  };
}
