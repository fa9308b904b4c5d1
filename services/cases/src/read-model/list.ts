import { mayEver } from "@civicgrid/auth";
import { divisionPrefix, type CaseListQuery, type CaseSummary, type Principal } from "@civicgrid/contracts";
import { AppError, decodeCursor, toPage } from "@civicgrid/http";

type Clause = { sql: string; args: (string | number)[] };

/** What the caller may see, as one OR over their roles (agency subtree, department's cases, worker's grids, own reports). */
export function visibility(principal: Principal): Clause {
  const parts: Clause[] = [];
  for (const role of principal.roles) {
    if (role === "platform_admin") return { sql: "1 = 1", args: [] };
    if (role === "agency") parts.push({ sql: "c.division_code LIKE ?", args: [`${divisionPrefix(principal.divisionCode)}%`] });
    if (role === "department" && principal.departmentId) parts.push({ sql: "c.id IN (SELECT case_id FROM case_departments WHERE department_id = ?)", args: [principal.departmentId] });
    if (role === "grid_worker" && principal.grids?.length) parts.push({ sql: `c.grid_code IN (${principal.grids.map(() => "?").join(", ")})`, args: principal.grids });
    if (role === "resident") parts.push({ sql: "c.reporter_sub = ?", args: [principal.sub] });
  }
  if (parts.length === 0) return { sql: "0 = 1", args: [] };
  return { sql: `(${parts.map((p) => p.sql).join(" OR ")})`, args: parts.flatMap((p) => p.args) };
}

function filters(q: CaseListQuery): Clause[] {
  const out: Clause[] = [];
  if (q.division) out.push({ sql: "c.division_code LIKE ?", args: [`${divisionPrefix(q.division)}%`] });
  if (q.grid) out.push({ sql: "c.grid_code = ?", args: [q.grid] });
  if (q.department) out.push({ sql: "c.id IN (SELECT case_id FROM case_departments WHERE department_id = ?)", args: [q.department] });
  if (q.status) out.push({ sql: "c.status = ?", args: [q.status] });
  if (q.category) out.push({ sql: "c.category_code = ?", args: [q.category] });
  if (q.priority) out.push({ sql: "c.priority = ?", args: [q.priority] });
  if (q.warned !== undefined) out.push({ sql: "c.warned = ?", args: [q.warned ? 1 : 0] });
  if (q.overdue !== undefined) out.push({ sql: "c.overdue = ?", args: [q.overdue ? 1 : 0] });
  if (q.createdFrom) out.push({ sql: "c.created_at >= ?", args: [new Date(q.createdFrom).toISOString()] });
  if (q.createdTo) out.push({ sql: "c.created_at < ?", args: [new Date(q.createdTo).toISOString()] });
  if (q.q) {
    // The trigram index answers MATCH for 3+ characters (Chinese included); shorter terms scan with LIKE.
    out.push(
      q.q.length >= 3
        ? { sql: "c.id IN (SELECT case_id FROM cases_fts WHERE cases_fts MATCH ?)", args: [`"${q.q.replaceAll('"', '""')}"`] }
        : { sql: "c.id IN (SELECT case_id FROM cases_fts WHERE title LIKE ? OR description LIKE ?)", args: [`%${q.q}%`, `%${q.q}%`] },
    );
  }
  return out;
}

/** A page of the read model, newest first, scoped to the caller and filtered by the query. */
export async function listCases(db: D1Database, principal: Principal, q: CaseListQuery): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  if (!mayEver(principal, "case:read")) throw new AppError("forbidden", "your roles may not read cases");
  const after = decodeCursor(q.cursor, 2);
  const clauses = [visibility(principal), ...filters(q)];
  if (after) clauses.push({ sql: "(c.created_at < ? OR (c.created_at = ? AND c.id < ?))", args: [after[0]!, after[0]!, after[1]!] });
  const { results } = await db
    .prepare(`SELECT c.summary FROM cases c WHERE ${clauses.map((w) => w.sql).join(" AND ")} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`)
    .bind(...clauses.flatMap((w) => w.args), q.limit + 1)
    .all<{ summary: string }>();
  const rows = results.map((r) => JSON.parse(r.summary) as CaseSummary);
  return toPage(rows, q.limit, (s) => [s.createdAt, s.id]);
}
