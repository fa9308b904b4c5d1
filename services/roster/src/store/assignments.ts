import type { Assignment, AssignmentRole } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { z } from "@hono/zod-openapi";
import { and, asc, eq, getTableColumns, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "./db";
import { isUniqueViolation } from "./db";
import { gridChangedStatements } from "./grid-events";
import { assignments, workers } from "./schema";

type AssignmentView = z.infer<typeof Assignment>;
type NewAssignmentRow = Omit<typeof assignments.$inferInsert, "status" | "version">;
type Ending = { status: "ended" | "withdrawn"; endDate: string; endReason: string };

/** An assignment as answered: its row with the worker's name. */
const selectAssignments = (db: Db) =>
  db
    .select({ ...getTableColumns(assignments), workerName: workers.name })
    .from(assignments)
    .innerJoin(workers, eq(workers.id, assignments.workerId));

const endSet = (e: Ending) => ({ ...e, version: sql`${assignments.version} + 1` });

export async function loadAssignment(db: Db, id: string): Promise<AssignmentView> {
  const [row] = await selectAssignments(db).where(eq(assignments.id, id));
  if (!row) throw new AppError("not_found", `no assignment ${id}`);
  return row;
}

export function listAssignments(
  db: Db,
  q: { gridCode?: string; workerId?: string; status?: AssignmentView["status"]; after: string; limit: number },
) {
  return selectAssignments(db)
    .where(
      and(
        q.gridCode === undefined ? undefined : eq(assignments.gridCode, q.gridCode),
        q.workerId === undefined ? undefined : eq(assignments.workerId, q.workerId),
        q.status === undefined ? undefined : eq(assignments.status, q.status),
        gt(assignments.id, q.after),
      ),
    )
    .orderBy(asc(assignments.id))
    .limit(q.limit + 1);
}

/** Who holds or awaits (notice running) a place on a grid. */
export function gridHolders(db: Db, gridCode: string) {
  return db
    .select({ workerId: assignments.workerId, role: assignments.role })
    .from(assignments)
    .where(and(eq(assignments.gridCode, gridCode), inArray(assignments.status, ["notice", "active"])));
}

/** A new appointment under notice; the partial unique indexes refuse a second chief or full-time worker. */
export async function insertAssignment(db: Db, row: NewAssignmentRow, role: AssignmentRole): Promise<void> {
  await db
    .insert(assignments)
    .values({ ...row, status: "notice" })
    .run()
    .catch((error: unknown) => {
      // The partial unique indexes catch a second chief or full-time worker appointed concurrently.
      if (isUniqueViolation(error)) throw new AppError("conflict", `the grid already has a ${role} appointed`);
      throw error;
    });
}

/** Duty starts after the notice: the assignment and the grid's snapshot, in one batch. */
export async function startAssignment(db: Db, a: Pick<AssignmentView, "id" | "gridCode">, today: string, now: string) {
  await db.batch([
    db
      .update(assignments)
      .set({ status: "active", startDate: today, version: sql`${assignments.version} + 1` })
      .where(and(eq(assignments.id, a.id), eq(assignments.status, "notice"))),
    ...gridChangedStatements(db, a.gridCode, now),
  ]);
}

/** Ends or withdraws an assignment; a serving worker's end changes the grid's snapshot in the same batch. */
export async function endAssignment(db: Db, a: Pick<AssignmentView, "id" | "gridCode">, ending: Ending, now: string) {
  const end = db.update(assignments).set(endSet(ending)).where(eq(assignments.id, a.id));
  if (ending.status === "ended") await db.batch([end, ...gridChangedStatements(db, a.gridCode, now)]);
  else await end.run();
}

/**
 * Moves a serving worker to another grid: the old assignment ends and a new one starts the same day without a
 * new notice (it passed notice, screening and onboarding already); both grids' snapshots change, in one batch.
 */
export async function transferAssignment(
  db: Db,
  from: Pick<AssignmentView, "id" | "gridCode" | "workerId" | "role" | "departmentId">,
  to: { id: string; gridCode: string; reason: string },
  today: string,
  now: string,
) {
  const { workerId, role, departmentId } = from;
  await db.batch([
    db
      .update(assignments)
      .set(endSet({ status: "ended", endDate: today, endReason: `transferred to ${to.gridCode}: ${to.reason}` }))
      .where(eq(assignments.id, from.id)),
    db.insert(assignments).values({
      id: to.id,
      workerId,
      gridCode: to.gridCode,
      role,
      departmentId,
      status: "active",
      noticeStartDate: today,
      noticeEndDate: today,
      startDate: today,
    }),
    ...gridChangedStatements(db, from.gridCode, now),
    ...gridChangedStatements(db, to.gridCode, now),
  ]);
}
