import { can, mayEver, type Action } from "@civicgrid/auth";
import { divisionLevel, divisionPrefix, isWithinDivision, type Principal, type RankingKind } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

/** Refuses unless the principal may take `action` on a resource in `divisionCode` (role and jurisdiction). */
export function requireIn(principal: Principal, action: Action, scope: Parameters<typeof can>[2]): void {
  if (!mayEver(principal, action)) throw new AppError("forbidden", `your roles may not ${action}`);
  if (!can(principal, action, scope)) throw new AppError("forbidden", "outside your jurisdiction");
}

/** A 12-digit county code the caller may configure (county level, in their jurisdiction). */
export function requireCounty(principal: Principal, countyCode: string, action: Action): void {
  if (divisionLevel(countyCode) !== "county") throw AppError.field("path.countyCode", "must be a county-level division code");
  requireIn(principal, action, { divisionCode: countyCode });
}

export interface RowScope {
  sql: string;
  params: string[];
}

/**
 * Which ranking rows a caller may read, as a SQL condition over `rankings`: agencies their subtree,
 * a department its own department's row, a grid worker their own worker row and the grids they serve.
 * `requested` narrows to a division, which must itself be readable. Null: nothing readable.
 */
export function rankingScope(principal: Principal, kind: RankingKind, requested?: string): RowScope | null {
  if (!mayEver(principal, "assessment:read")) throw new AppError("forbidden", "your roles may not read assessments");
  const ors: string[] = [];
  const params: string[] = [];
  // Scope parameters are numbered from ?10 so they never collide with a query's own (?1 … ?9).
  const add = (sql: string, ...values: string[]) => {
    ors.push(sql.replaceAll("?", () => `?${params.push(values.shift()!) + 9}`));
  };
  for (const role of principal.roles) {
    if (role === "platform_admin") add("1 = 1");
    if (role === "agency") add("division_code LIKE ?", `${divisionPrefix(principal.divisionCode)}%`);
    if (role === "department" && kind === "department" && principal.departmentId) add("subject_id = ?", principal.departmentId);
    if (role === "grid_worker" && kind === "worker") add("subject_id = ?", principal.sub);
    if (role === "grid_worker" && kind === "grid") for (const g of principal.grids ?? []) add("subject_id = ?", g);
  }
  if (requested !== undefined) {
    const agency = principal.roles.some((r) => r === "platform_admin" || (r === "agency" && isWithinDivision(requested, principal.divisionCode)));
    if (principal.roles.includes("agency") && !agency) throw new AppError("forbidden", "divisionCode is outside your jurisdiction");
    add("division_code LIKE ?", `${divisionPrefix(requested)}%`);
    if (ors.length === 1) return null;
    const narrow = ors.pop()!;
    return { sql: `(${ors.join(" OR ")}) AND ${narrow}`, params };
  }
  return ors.length === 0 ? null : { sql: `(${ors.join(" OR ")})`, params };
}
