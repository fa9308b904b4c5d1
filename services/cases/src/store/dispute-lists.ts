import { divisionPrefix, type Principal } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { and, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "./db";
import { before } from "./keyset";
import { caseDepartments, disputeCases, WARNED_ROWS } from "./schema";

const NOTHING = sql`0 = 1`;

export type DisputeRow = typeof disputeCases.$inferSelect;

/** The police warning named the department (Gansu 二(一)1(2) 命案风险预警: the police see what they were told of). */
const warned = (departmentId: string) =>
  sql`EXISTS (SELECT 1 FROM json_each(${disputeCases.warnedDepartmentIds}) WHERE value = ${departmentId})`;

/** Disputes a department works on (lead or assisting), read from the cases' department rows. */
const involved = (db: Db, departmentId: string) =>
  inArray(
    disputeCases.caseId,
    db
      .select({ id: caseDepartments.caseId })
      .from(caseDepartments)
      .where(eq(caseDepartments.departmentId, departmentId)),
  );

const inSubtree = (code: string) => like(disputeCases.divisionCode, `${divisionPrefix(code)}%`);

/**
 * Which disputes the caller sees, as one OR over their roles, like the case list: an agency its subtree, a grid worker
 * their grids, a department the disputes it works on and, on the early-warning list, only those whose police warning
 * named it. A resident lists no disputes (their own reports are in the case list).
 */
function visibility(db: Db, principal: Principal, list: "disputes" | "warnings"): SQL | undefined {
  const parts: SQL[] = [];
  for (const role of principal.roles) {
    if (role === "platform_admin") return undefined;
    if (role === "agency") parts.push(inSubtree(principal.divisionCode));
    if (role === "department" && principal.departmentId) {
      const id = principal.departmentId;
      parts.push(list === "warnings" ? warned(id) : or(involved(db, id), warned(id))!);
    }
    if (role === "grid_worker" && list === "disputes" && principal.grids?.length)
      parts.push(inArray(disputeCases.gridCode, principal.grids));
  }
  return parts.length === 0 ? NOTHING : or(...parts);
}

export interface DisputeFilters {
  division?: string;
  grid?: string;
  stage?: string;
  risk?: string;
  mediator?: string;
}

/** One more than a page of the rows matching `where`, newest `at` first, after the cursor's (at, case id). */
function rowsPage(
  db: Db,
  where: (SQL | undefined)[],
  at: AnySQLiteColumn,
  limit: number,
  after: CursorKey | undefined,
): Promise<DisputeRow[]> {
  const id = disputeCases.caseId;
  return db
    .select()
    .from(disputeCases)
    .where(and(...where, before(at, id, after)))
    .orderBy(desc(at), desc(id))
    .limit(limit + 1);
}

/** One more than a page of the caller's disputes, newest recorded first. */
export function disputesPage(
  db: Db,
  principal: Principal,
  q: DisputeFilters & { limit: number },
  after: CursorKey | undefined,
): Promise<DisputeRow[]> {
  const d = disputeCases;
  const where = [
    visibility(db, principal, "disputes"),
    q.division ? inSubtree(q.division) : undefined,
    q.grid ? eq(d.gridCode, q.grid) : undefined,
    q.stage ? eq(d.stage, q.stage) : undefined,
    q.risk ? eq(d.riskLevel, q.risk) : undefined,
    q.mediator ? eq(d.mediatorId, q.mediator) : undefined,
  ];
  return rowsPage(db, where, d.recordedAt, q.limit, after);
}

/**
 * One more than a page of the early-warning list (Gansu 二(一)1(2)): open disputes at larger or major risk, the
 * newest risk first, over the partial index dispute_cases_warnings.
 */
export function warningsPage(
  db: Db,
  principal: Principal,
  q: { division?: string; level?: string; limit: number },
  after: CursorKey | undefined,
): Promise<DisputeRow[]> {
  const where = [
    WARNED_ROWS,
    visibility(db, principal, "warnings"),
    q.division ? inSubtree(q.division) : undefined,
    q.level ? eq(disputeCases.riskLevel, q.level) : undefined,
  ];
  return rowsPage(db, where, disputeCases.riskSince, q.limit, after);
}
