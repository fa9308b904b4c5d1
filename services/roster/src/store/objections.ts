import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "./db";
import { assignments, objections } from "./schema";

export async function insertObjection(db: Db, row: Omit<typeof objections.$inferInsert, "status">) {
  const [inserted] = await db
    .insert(objections)
    .values({ ...row, status: "open" })
    .returning();
  return inserted!;
}

/** The objections raised against an appointment, oldest first. */
export function listObjections(db: Db, assignmentId: string) {
  return db
    .select()
    .from(objections)
    .where(eq(objections.assignmentId, assignmentId))
    .orderBy(asc(objections.createdAt));
}

export async function loadObjection(db: Db, id: string) {
  const [row] = await db.select().from(objections).where(eq(objections.id, id));
  return row;
}

/**
 * Resolves an open objection; an upheld one withdraws the appointment (still under notice, so no grid snapshot
 * changes) in the same batch, only when the objection was indeed open (`changes()` of the statement before).
 * False when no open objection has this id on this assignment.
 */
export async function resolveObjection(
  db: Db,
  r: { id: string; assignmentId: string; outcome: "dismissed" | "upheld"; note: string; today: string },
): Promise<boolean> {
  const resolve = db
    .update(objections)
    .set({ status: r.outcome, note: r.note })
    .where(and(eq(objections.id, r.id), eq(objections.assignmentId, r.assignmentId), eq(objections.status, "open")));
  if (r.outcome === "dismissed") return (await resolve.run()).meta.changes > 0;
  const [resolved] = await db.batch([
    resolve,
    db
      .update(assignments)
      .set({
        status: "withdrawn",
        endDate: r.today,
        endReason: `objection upheld: ${r.note}`,
        version: sql`${assignments.version} + 1`,
      })
      .where(and(eq(assignments.id, r.assignmentId), eq(assignments.status, "notice"), sql`changes() > 0`)),
  ]);
  return resolved.meta.changes > 0;
}
