import type { User } from "@civicgrid/contracts";
import type { ListScope } from "@civicgrid/auth";
import { AppError, scopeWhere } from "@civicgrid/http";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./db";
import { users } from "./schema";

type UserRow = typeof users.$inferSelect;
type UserChange = Partial<Pick<UserRow, "name" | "orgUnit" | "roles" | "grids" | "status">>;

/** A login subject as answered: its department and worker only when it has them. */
export const toUser = ({ departmentId, workerId, ...u }: UserRow): User => ({
  ...u,
  ...(departmentId ? { departmentId } : {}),
  ...(workerId ? { workerId } : {}),
});

export async function loadUser(db: Db, sub: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.sub, sub));
  if (!row) throw new AppError("not_found", `no user ${sub}`);
  return row;
}

/** Creates a login subject; undefined when one with this subject exists. */
export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow | undefined> {
  const [inserted] = await db.insert(users).values(row).onConflictDoNothing({ target: users.sub }).returning();
  return inserted;
}

export function listUsers(db: Db, q: { scope: ListScope; after: string; limit: number }) {
  return db
    .select()
    .from(users)
    .where(and(scopeWhere(q.scope, { division: users.divisionCode }), gt(users.sub, q.after)))
    .orderBy(asc(users.sub))
    .limit(q.limit + 1);
}

/** Applies the given fields if the user is still at `version`; undefined when it changed meanwhile. */
export async function patchUser(
  db: Db,
  sub: string,
  version: number,
  change: UserChange,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...change, version: sql`${users.version} + 1` })
    .where(and(eq(users.sub, sub), eq(users.version, version)))
    .returning();
  return row;
}
