import { can, mayEver, type Action } from "@civicgrid/auth";
import { divisionLevel, divisionPrefix, type Principal, type RankingKind } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Context } from "hono";
import { assertDivision } from "./references";

/** Refuses unless the principal may take `action` on a resource in `divisionCode` (role and jurisdiction). */
export function requireIn(principal: Principal, action: Action, scope: Parameters<typeof can>[2]): void {
  if (!mayEver(principal, action)) throw new AppError("forbidden", `your roles may not ${action}`);
  if (!can(principal, action, scope)) throw new AppError("forbidden", "outside your jurisdiction");
}

/**
 * Check-ins and patrols are a grid worker's own daily duty (Gansu 三(二)), recorded under their own
 * division. A role that may do anything but serves no grid (the platform administrator) has no such duty.
 */
export function requirePatroller(principal: Principal): void {
  if (!principal.roles.includes("grid_worker")) {
    throw new AppError("forbidden", "check-ins and patrols are for grid workers");
  }
  requireIn(principal, "patrol:write", { divisionCode: principal.divisionCode });
}

/** A 12-digit county code (in the path) the caller may read or configure: county level, in their jurisdiction. */
export async function requireCounty(c: Context, principal: Principal, countyCode: string, action: Action) {
  if (divisionLevel(countyCode) !== "county") {
    throw AppError.field("path.countyCode", "must be a county-level division code");
  }
  if (!mayEver(principal, action)) throw new AppError("forbidden", `your roles may not ${action}`);
  await assertDivision(c, "path.countyCode", countyCode, action);
}

export interface RowScope {
  sql: string;
  params: string[];
}

/** The first scope parameter: a query's own parameters are ?1 … ?9. */
const SCOPE_FROM = 10;

/**
 * Which ranking rows a caller may read, as a SQL condition over `rankings`: agencies their subtree,
 * a department its own department's row, a grid worker their own worker row and the grids they serve,
 * the platform every row. `requested` narrows to a division; the route checks it is in the caller's
 * jurisdiction first (`assertDivision`). Null: nothing readable.
 */
export function rankingScope(principal: Principal, kind: RankingKind, requested?: string): RowScope | null {
  if (!mayEver(principal, "assessment:read")) throw new AppError("forbidden", "your roles may not read assessments");
  const ors: string[] = [];
  const params: string[] = [];
  // Scope parameters are numbered from ?10 so they never collide with a query's own (?1 … ?9).
  const add = (sql: string, ...values: string[]) => {
    ors.push(sql.replaceAll("?", () => `?${params.push(values.shift()!) + SCOPE_FROM - 1}`));
  };
  for (const role of principal.roles) {
    if (role === "platform_admin") add("1 = 1");
    if (role === "agency") add("division_code LIKE ?", `${divisionPrefix(principal.divisionCode)}%`);
    if (role === "department" && kind === "department" && principal.departmentId) add("subject_id = ?", principal.departmentId);
    if (role === "grid_worker" && kind === "worker") add("subject_id = ?", principal.sub);
    if (role === "grid_worker" && kind === "grid") for (const g of principal.grids ?? []) add("subject_id = ?", g);
  }
  if (requested !== undefined) {
    add("division_code LIKE ?", `${divisionPrefix(requested)}%`);
    if (ors.length === 1) return null;
    const narrow = ors.pop()!;
    return { sql: `(${ors.join(" OR ")}) AND ${narrow}`, params };
  }
  return ors.length === 0 ? null : { sql: `(${ors.join(" OR ")})`, params };
}

/**
 * The values to bind to a query (its own `?1 … ?n`, n ≤ 9) followed by a scope's. A statement is bound to
 * exactly as many values as its highest parameter number, so the gap up to ?10 is padded only when the scope
 * has parameters: the platform's scope (`1 = 1`) has none, and padding it anyway made D1 refuse the query.
 */
export function scopedBindings(own: readonly unknown[], scope: RowScope): unknown[] {
  if (scope.params.length === 0) return [...own];
  return [...own, ...Array<null>(SCOPE_FROM - 1 - own.length).fill(null), ...scope.params];
}
