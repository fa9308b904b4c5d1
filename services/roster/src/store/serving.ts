import { and, asc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "./db";
import { assignments, departments, users, workers } from "./schema";

/**
 * Who served on a date, read from start and end dates so the past can be asked about: an assignment that
 * started on or before the day and had not ended by it.
 */
const servingOn = (onDate: string) =>
  and(
    inArray(assignments.status, ["active", "ended"]),
    lte(assignments.startDate, onDate),
    or(isNull(assignments.endDate), gt(assignments.endDate, onDate)),
  );

/** The workers who served a grid on a date (nothing private: no ID numbers, no private phones). */
export function gridServersOn(db: Db, gridCode: string, onDate: string) {
  return db
    .select({
      workerId: assignments.workerId,
      name: workers.name,
      role: assignments.role,
      workPhone: workers.workPhone,
      departmentId: assignments.departmentId,
    })
    .from(assignments)
    .innerJoin(workers, eq(workers.id, assignments.workerId))
    .where(and(eq(assignments.gridCode, gridCode), servingOn(onDate)))
    .orderBy(asc(assignments.role), asc(assignments.workerId));
}

/** The grids a worker served on a date, with the role. */
export function workerGridsOn(db: Db, workerId: string, onDate: string) {
  return db
    .select({ gridCode: assignments.gridCode, role: assignments.role })
    .from(assignments)
    .where(and(eq(assignments.workerId, workerId), servingOn(onDate)))
    .orderBy(asc(assignments.gridCode));
}

/** A department's duty contact and its active staff, in one batch. */
export async function dutyContact(db: Db, departmentId: string) {
  const [[department], staff] = await db.batch([
    db
      .select({
        id: departments.id,
        name: departments.name,
        kind: departments.kind,
        dutyPhone: departments.dutyPhone,
        divisionCode: departments.divisionCode,
      })
      .from(departments)
      .where(eq(departments.id, departmentId)),
    db
      .select({ sub: users.sub })
      .from(users)
      .where(and(eq(users.departmentId, departmentId), eq(users.status, "active")))
      .orderBy(asc(users.sub)),
  ]);
  return department ? { ...department, staffSubs: staff.map((s) => s.sub) } : undefined;
}

/** A login subject's status and its worker's (when it is one). */
export async function subjectStatus(db: Db, sub: string) {
  const [row] = await db
    .select({ userStatus: users.status, workerStatus: workers.status })
    .from(users)
    .leftJoin(workers, eq(workers.id, users.workerId))
    .where(eq(users.sub, sub));
  return row;
}
