import type { Worker } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

export interface WorkerRow {
  id: string;
  name: string;
  id_cipher: string;
  id_masked: string;
  phone_cipher: string;
  phone_masked: string;
  work_phone: string;
  gender: "male" | "female";
  birth_date: string;
  political_status: "party_member" | "non_party";
  division_code: string;
  org_unit: string;
  department_id: string | null;
  status: "active" | "suspended" | "dismissed";
  version: number;
}

/** The answer shape of a worker: masked private data only (the ciphertexts never leave the service). */
export function toWorker(row: WorkerRow): Worker {
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: row.id_masked,
    privatePhoneMasked: row.phone_masked,
    workPhone: row.work_phone,
    gender: row.gender,
    birthDate: row.birth_date,
    politicalStatus: row.political_status,
    divisionCode: row.division_code,
    orgUnit: row.org_unit,
    departmentId: row.department_id,
    status: row.status,
    version: row.version,
  };
}

export async function loadWorker(db: D1Database, id: string): Promise<WorkerRow> {
  const row = await db.prepare("SELECT * FROM workers WHERE id = ?1").bind(id).first<WorkerRow>();
  if (!row) throw new AppError("not_found", `no worker ${id}`);
  return row;
}

export const workerScope = (w: WorkerRow) => ({ divisionCode: w.division_code, ...(w.department_id ? { departmentId: w.department_id } : {}) });

export interface AssignmentRow {
  id: string;
  worker_id: string;
  worker_name: string;
  grid_code: string;
  role: "chief" | "full_time" | "part_time" | "professional" | "auxiliary";
  department_id: string | null;
  status: "notice" | "active" | "ended" | "withdrawn";
  notice_start_date: string;
  notice_end_date: string;
  start_date: string | null;
  end_date: string | null;
  end_reason: string | null;
  version: number;
}

export const ASSIGNMENT_SELECT = "SELECT a.*, w.name AS worker_name FROM assignments a JOIN workers w ON w.id = a.worker_id";

export function toAssignment(r: AssignmentRow) {
  return {
    id: r.id,
    workerId: r.worker_id,
    workerName: r.worker_name,
    gridCode: r.grid_code,
    role: r.role,
    departmentId: r.department_id,
    status: r.status,
    noticeStartDate: r.notice_start_date,
    noticeEndDate: r.notice_end_date,
    startDate: r.start_date,
    endDate: r.end_date,
    endReason: r.end_reason,
    version: r.version,
  };
}

export async function loadAssignment(db: D1Database, id: string): Promise<AssignmentRow> {
  const row = await db.prepare(`${ASSIGNMENT_SELECT} WHERE a.id = ?1`).bind(id).first<AssignmentRow>();
  if (!row) throw new AppError("not_found", `no assignment ${id}`);
  return row;
}
