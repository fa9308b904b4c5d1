import type { AssignmentRole } from "@civicgrid/contracts";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { AppointmentFacts, DutyFacts } from "../domain/appointment-rules";
import type { Db } from "./db";
import { gridHolders } from "./assignments";
import { objections, screenings, trainings } from "./schema";

/** The passed flag of a worker's latest screening (the later row wins within one instant). */
const latestScreening = (db: Db, workerId: string) =>
  db
    .select({ passed: screenings.passed })
    .from(screenings)
    .where(eq(screenings.workerId, workerId))
    .orderBy(desc(screenings.screenedAt), sql`rowid DESC`)
    .limit(1);

/** Reads what appointmentRefusal needs about a worker's appointment to a grid, in one batch. */
export async function appointmentFacts(
  db: Db,
  worker: AppointmentFacts["worker"],
  gridCode: string,
  role: AssignmentRole,
  departmentId?: string,
): Promise<AppointmentFacts> {
  const [holders, [screening]] = await db.batch([gridHolders(db, gridCode), latestScreening(db, worker.id)]);
  return {
    worker,
    role,
    gridRoles: holders.filter((r) => r.workerId !== worker.id).map((r) => r.role),
    alreadyOnGrid: holders.some((r) => r.workerId === worker.id),
    screeningPassed: screening ? screening.passed : null,
    departmentId,
  };
}

/** Reads what dutyStartRefusal needs besides the dates and the worker's status, in one batch. */
export async function dutyFacts(
  db: Db,
  assignmentId: string,
  workerId: string,
): Promise<Pick<DutyFacts, "openObjections" | "onboardingTrained" | "screeningPassed">> {
  const [[open], [onboarding], [screening]] = await db.batch([
    db
      .select({ n: count() })
      .from(objections)
      .where(and(eq(objections.assignmentId, assignmentId), eq(objections.status, "open"))),
    db
      .select({ n: count() })
      .from(trainings)
      .where(and(eq(trainings.workerId, workerId), eq(trainings.kind, "onboarding"))),
    latestScreening(db, workerId),
  ]);
  return {
    openObjections: open?.n ?? 0,
    onboardingTrained: (onboarding?.n ?? 0) > 0,
    screeningPassed: screening ? screening.passed : null,
  };
}
