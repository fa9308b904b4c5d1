import type { Action, ListScope } from "@civicgrid/auth";
import {
  divisionLevel,
  divisionPrefix,
  type IndicatorLevel,
  type Principal,
  type RankingKind,
} from "@civicgrid/contracts";
import { AppError, authorize, authorizeEver, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { assertDivision } from "./references";
import type { IndicatorScope } from "./store/indicator-facts";
import { factsOf, type FactsBindings, type Shard } from "./store/shards";

/**
 * Check-ins and patrols are a grid worker's own daily duty (Gansu 三(二)), recorded under their own
 * division. A role that may do anything but serves no grid (the platform administrator) has no such duty.
 */
export function requirePatroller(c: Context): Principal {
  const principal = principalOf(c);
  if (!principal.roles.includes("grid_worker")) {
    throw new AppError("forbidden", "check-ins and patrols are for grid workers");
  }
  return authorize(c, "patrol:write", { divisionCode: principal.divisionCode }).principal;
}

/**
 * The county shard a grid worker's own check-ins and patrols are kept in: their division's county's. A county this
 * deployment keeps no facts of is refused (422), before anything is written.
 */
export function ownFacts(env: FactsBindings, principal: Principal): Shard {
  try {
    return factsOf(env, principal.divisionCode);
  } catch {
    throw new AppError("unprocessable", `no assessment facts are kept for the county of ${principal.divisionCode}`);
  }
}

/** A 12-digit county code (in the path) the caller may read or configure: county level, in their jurisdiction. */
export async function requireCounty(c: Context, countyCode: string, action: Action): Promise<Principal> {
  if (divisionLevel(countyCode) !== "county") {
    throw AppError.field("path.countyCode", "must be a county-level division code");
  }
  const principal = authorizeEver(c, action);
  await assertDivision(c, "path.countyCode", countyCode, action);
  return principal;
}

/**
 * Which ranking rows a caller may read, as list scopes over `rankings` (the subject is the row's grid or
 * owner): agencies their subtree, a department its own department's row, a grid worker their own worker row
 * and the grids they serve, the platform every row. Narrower than `listScopeOf` on purpose: a department or a
 * grid worker reads its own standing, not its colleagues'. Empty: nothing readable.
 */
export function rankingScopes(principal: Principal, kind: RankingKind): ListScope[] {
  const scopes: ListScope[] = [];
  for (const role of principal.roles) {
    if (role === "platform_admin") scopes.push({ all: true });
    if (role === "agency") scopes.push({ prefix: divisionPrefix(principal.divisionCode) });
    if (role === "department" && kind === "department" && principal.departmentId) {
      scopes.push({ ownerSub: principal.departmentId });
    }
    if (role === "grid_worker" && kind === "worker") scopes.push({ ownerSub: principal.sub });
    if (role === "grid_worker" && kind === "grid") scopes.push({ grids: principal.grids ?? [] });
  }
  return scopes;
}

/** Patrols are read by the worker on them, or by an agency (the platform) over the worker's division. */
export function requirePatrolReader(c: Context, sub: string): Principal {
  const principal = principalOf(c);
  if (principal.sub === sub) return principal;
  if (!principal.roles.some((r) => r === "agency" || r === "platform_admin")) {
    throw new AppError("forbidden", "only the worker and agencies over them may read patrols");
  }
  return principal;
}

/** A patrol (day) of `sub` recorded in `divisionCode`: the worker's own, or in the reading agency's jurisdiction. */
export function requirePatrolReadable(c: Context, sub: string, divisionCode: string): void {
  const principal = requirePatrolReader(c, sub);
  if (principal.sub !== sub) authorize(c, "assessment:read", { divisionCode });
}

/**
 * Which indicator facts a caller may read (store/indicator-facts.ts scopes): the rankings' reach of the same kind of
 * subject (rankingScopes; county rows as township rows: agencies and the platform), so agencies read their
 * subtree's cases, a department its own figures, a grid worker the grids they serve.
 */
export function indicatorScopes(principal: Principal, level: IndicatorLevel): IndicatorScope[] {
  const kind: RankingKind = level === "department" || level === "grid" ? level : "township";
  return rankingScopes(principal, kind).flatMap((s): IndicatorScope[] => {
    if ("ownerSub" in s) return [{ departmentId: s.ownerSub }];
    if ("grids" in s) return s.grids.map((grid) => ({ prefix: grid }));
    return [s];
  });
}
