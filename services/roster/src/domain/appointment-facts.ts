import type { AppointmentFacts } from "./appointment-rules";
import type { WorkerRow } from "./rows";

export async function latestScreening(db: D1Database, workerId: string): Promise<boolean | null> {
  const row = await db.prepare("SELECT passed FROM screenings WHERE worker_id = ?1 ORDER BY screened_at DESC, rowid DESC LIMIT 1").bind(workerId).first<{ passed: number }>();
  return row ? row.passed === 1 : null;
}

/** Reads what checkAppointment needs about a worker's appointment to a grid. */
export async function appointmentFacts(db: D1Database, worker: WorkerRow, gridCode: string, role: AppointmentFacts["role"], departmentId?: string): Promise<AppointmentFacts> {
  const { results } = await db
    .prepare("SELECT worker_id, role FROM assignments WHERE grid_code = ?1 AND status IN ('notice', 'active')")
    .bind(gridCode)
    .all<{ worker_id: string; role: AppointmentFacts["role"] }>();
  return {
    worker,
    role,
    gridRoles: results.filter((r) => r.worker_id !== worker.id).map((r) => r.role),
    alreadyOnGrid: results.some((r) => r.worker_id === worker.id),
    screeningPassed: await latestScreening(db, worker.id),
    departmentId,
  };
}

export async function dutyFacts(db: D1Database, assignmentId: string, workerId: string) {
  const [objections, onboarding] = await db.batch<{ n: number }>([
    db.prepare("SELECT count(*) AS n FROM objections WHERE assignment_id = ?1 AND status = 'open'").bind(assignmentId),
    db.prepare("SELECT count(*) AS n FROM trainings WHERE worker_id = ?1 AND kind = 'onboarding'").bind(workerId),
  ]);
  return {
    openObjections: objections?.results[0]?.n ?? 0,
    onboardingTrained: (onboarding?.results[0]?.n ?? 0) > 0,
    screeningPassed: await latestScreening(db, workerId),
  };
}
