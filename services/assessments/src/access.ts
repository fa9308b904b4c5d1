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

/** Which ranking rows a caller may read: every row, the rows under some divisions, or some subjects' own rows. */
export interface RankingReach {
  all: boolean;
  divisionPrefixes: string[];
  subjectIds: string[];
}

/**
 * Agencies read their subtree, a department its own department's row, a grid worker their own worker row
 * and the grids they serve, the platform every row.
 */
export function rankingReach(principal: Principal, kind: RankingKind): RankingReach {
  if (!mayEver(principal, "assessment:read")) throw new AppError("forbidden", "your roles may not read assessments");
  const reach: RankingReach = { all: false, divisionPrefixes: [], subjectIds: [] };
  for (const role of principal.roles) {
    if (role === "platform_admin") reach.all = true;
    if (role === "agency") reach.divisionPrefixes.push(divisionPrefix(principal.divisionCode));
    if (role === "department" && kind === "department" && principal.departmentId) {
      reach.subjectIds.push(principal.departmentId);
    }
    if (role === "grid_worker" && kind === "worker") reach.subjectIds.push(principal.sub);
    if (role === "grid_worker" && kind === "grid") reach.subjectIds.push(...(principal.grids ?? []));
  }
  return reach;
}
