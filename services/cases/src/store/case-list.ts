import { divisionPrefix, type CaseListQuery, type CaseSummary, type Principal } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { and, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { before } from "./keyset";
import type { Db } from "./db";
import { caseDepartments, cases } from "./schema";

const NOTHING = sql`0 = 1`;

/** Cases a department is involved in (lead or assisting): one indexed read of case_departments. */
const ofDepartment = (db: Db, departmentId: string) =>
  inArray(
    cases.id,
    db
      .select({ id: caseDepartments.caseId })
      .from(caseDepartments)
      .where(eq(caseDepartments.departmentId, departmentId)),
  );

/** What the caller may see, as one OR over their roles (agency subtree, department's cases, worker's grids, own reports). */
export function visibility(db: Db, principal: Principal): SQL | undefined {
  const parts: SQL[] = [];
  for (const role of principal.roles) {
    if (role === "platform_admin") return undefined;
    if (role === "agency") parts.push(like(cases.divisionCode, `${divisionPrefix(principal.divisionCode)}%`));
    if (role === "department" && principal.departmentId) parts.push(ofDepartment(db, principal.departmentId));
    if (role === "grid_worker" && principal.grids?.length) parts.push(inArray(cases.gridCode, principal.grids));
    if (role === "resident") parts.push(eq(cases.reporterSub, principal.sub));
  }
  return parts.length === 0 ? NOTHING : or(...parts);
}

/** Text search: the trigram index answers MATCH for 3+ characters (Chinese included); shorter terms scan with LIKE. */
function matching(q: string): SQL {
  return q.length >= 3
    ? sql`${cases.id} IN (SELECT case_id FROM cases_fts WHERE cases_fts MATCH ${`"${q.replaceAll('"', '""')}"`})`
    : sql`${cases.id} IN (SELECT case_id FROM cases_fts WHERE title LIKE ${`%${q}%`} OR description LIKE ${`%${q}%`})`;
}

/**
 * Whether the query has a narrower lead than its status: a grid or a department, or a caller who sees only their
 * grids, department or reports. Only a list of some status over an agency's divisions is led by its status.
 */
const narrower = (principal: Principal, q: CaseListQuery) =>
  !!(q.grid || q.department) || principal.roles.some((r) => r !== "agency" && r !== "platform_admin");

/**
 * Issue 17: the status term. A status holds a large share of a shard's cases, so cases_status leads only when nothing
 * narrower does; otherwise the term is written `+status = ?`, which SQLite does not look up in an index (without
 * statistics it would prefer cases_status, walking a status's rows to find one grid's), so the grid's, the
 * department's or the caller's own index leads as before.
 */
const statusIs = (status: string, behindNarrower: boolean) =>
  behindNarrower ? sql`+${cases.status} = ${status}` : eq(cases.status, status);

function filters(db: Db, principal: Principal, q: CaseListQuery): (SQL | undefined)[] {
  return [
    q.division ? like(cases.divisionCode, `${divisionPrefix(q.division)}%`) : undefined,
    q.grid ? eq(cases.gridCode, q.grid) : undefined,
    q.department ? ofDepartment(db, q.department) : undefined,
    q.status ? statusIs(q.status, narrower(principal, q)) : undefined,
    q.category ? eq(cases.categoryCode, q.category) : undefined,
    q.priority ? eq(cases.priority, q.priority) : undefined,
    q.warned !== undefined ? eq(cases.warned, q.warned ? 1 : 0) : undefined,
    // A literal, so the partial index cases_overdue (WHERE overdue = 1) serves the overdue list whatever the binding.
    q.overdue !== undefined ? sql`${cases.overdue} = ${sql.raw(q.overdue ? "1" : "0")}` : undefined,
    q.createdFrom ? gte(cases.createdAt, new Date(q.createdFrom).toISOString()) : undefined,
    q.createdTo ? lt(cases.createdAt, new Date(q.createdTo).toISOString()) : undefined,
    q.q ? matching(q.q) : undefined,
  ];
}

/** The query of one more than a page of the read model, scoped to the caller and filtered by the query (not run). */
export function casesPageQuery(db: Db, principal: Principal, q: CaseListQuery, after: CursorKey | undefined) {
  return db
    .select({ summary: cases.summary })
    .from(cases)
    .where(and(visibility(db, principal), ...filters(db, principal, q), before(cases.createdAt, cases.id, after)))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(q.limit + 1);
}

/** One more than a page of the read model, scoped to the caller and filtered by the query. */
export async function casesPage(
  db: Db,
  principal: Principal,
  q: CaseListQuery,
  after: CursorKey | undefined,
): Promise<CaseSummary[]> {
  const rows = await casesPageQuery(db, principal, q, after);
  return rows.map((r) => JSON.parse(r.summary) as CaseSummary);
}
