import type { Department } from "@civicgrid/contracts";
import type { ListScope } from "@civicgrid/auth";
import { AppError, scopeWhere } from "@civicgrid/http";
import type { z } from "@hono/zod-openapi";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./db";
import { departments, users } from "./schema";

type DepartmentRow = typeof departments.$inferSelect;
type DepartmentChange = Partial<Pick<DepartmentRow, "name" | "dutyPhone" | "dutyContact">>;

export async function loadDepartment(db: Db, id: string): Promise<z.infer<typeof Department>> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  if (!row) throw new AppError("not_found", `no department ${id}`);
  return row;
}

/** Registers a department; undefined when one with this id exists. */
export async function insertDepartment(
  db: Db,
  row: typeof departments.$inferInsert,
): Promise<DepartmentRow | undefined> {
  const [inserted] = await db
    .insert(departments)
    .values(row)
    .onConflictDoNothing({ target: departments.id })
    .returning();
  return inserted;
}

export function listDepartments(db: Db, q: { scope: ListScope; after: string; limit: number }) {
  return db
    .select()
    .from(departments)
    .where(and(scopeWhere(q.scope, { division: departments.divisionCode }), gt(departments.id, q.after)))
    .orderBy(asc(departments.id))
    .limit(q.limit + 1);
}

/** The active staff of a department, by subject. */
export function departmentStaff(db: Db, departmentId: string) {
  return db
    .select({ sub: users.sub, name: users.name })
    .from(users)
    .where(and(eq(users.departmentId, departmentId), eq(users.status, "active")))
    .orderBy(asc(users.sub));
}

/** Applies the given fields if the department is still at `version`; undefined when it changed meanwhile. */
export async function patchDepartment(db: Db, id: string, version: number, change: DepartmentChange) {
  const [row] = await db
    .update(departments)
    .set({ ...change, version: sql`${departments.version} + 1` })
    .where(and(eq(departments.id, id), eq(departments.version, version)))
    .returning();
  return row;
}

/** The kind key of a department (police, justice …), or null when there is none by that id. */
export async function departmentKey(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ key: departments.key }).from(departments).where(eq(departments.id, id));
  return row?.key ?? null;
}
