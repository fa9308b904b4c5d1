import { isWithinDivision, type Principal, type Role } from "@civicgrid/contracts";

/**
 * The access policy, as data: which roles may take each action. Where a role may act, the
 * resource must also lie in the principal's jurisdiction, read by role (see `inJurisdiction`).
 * Later services add their actions here, so that one table answers "who may do what".
 */
export const POLICY = {
  "division:read": ["agency", "hr", "department", "grid_worker"],
  "division:write": ["agency"],
  "grid:read": ["agency", "hr", "department", "grid_worker"],
  "grid:write": ["agency"],
  "grid:file": ["agency"],
  "grid:review-filing": ["agency"],
  "matter:read": ["agency", "department", "grid_worker", "hr"],
  "matter:write": ["agency"],
  "matter:request-change": ["agency", "department"],
  "matter:review-change": ["agency"],
  "worker:read": ["agency", "hr", "department"],
  "worker:write": ["agency", "hr"],
  "worker:read-pii": ["hr"],
  "department:read": ["agency", "hr", "department", "grid_worker"],
  "department:write": ["agency"],
  "user:write": ["agency", "hr"],
  "case:read": ["agency", "department", "grid_worker", "resident"],
  "case:report": ["grid_worker", "resident", "agency"],
  "case:verify": ["grid_worker", "agency"],
  "case:resolve-on-site": ["grid_worker"],
  "case:assign-work-order": ["agency"],
  "case:accept": ["agency"],
  "case:dispatch": ["agency"],
  "case:escalate": ["agency", "grid_worker"],
  "case:check": ["agency"],
  "case:review-extension": ["agency"],
  "case:close-invalid": ["agency"],
  "case:merge": ["agency"],
  "case:approve-matter": ["agency"],
  "case:sign": ["department"],
  "case:handle": ["department"],
  "case:return": ["department"],
  "case:request-extension": ["department"],
  "case:rate": ["resident", "agency"],
  "case:archive": ["agency"],
  "supervision:read": ["agency", "department"],
  "patrol:write": ["grid_worker"],
  "assessment:read": ["agency", "department", "grid_worker"],
  "assessment:configure": ["agency"],
  "notification:read": ["platform_admin", "agency", "hr", "department", "grid_worker", "resident"],
  "notification:admin": ["agency"],
  "integration:admin": ["agency"],
  "cron:run": [],
  "user:read": ["agency", "hr"],
  "screening:write": ["agency", "hr"],
  "training:write": ["agency", "hr", "department"],
  "assignment:read": ["agency", "hr", "department", "grid_worker"],
  "assignment:write": ["agency"],
  "roster-settings:write": ["agency"],
  // Base data (一标三实). A department reads only people tagged with a kind it owns (services/basedata decides that on
  // top of this table); special-group tags are never shown to agency staff (PIPL art. 28, the rule).
  "basedata:read": ["agency", "grid_worker", "department"],
  "basedata:submit": ["grid_worker", "agency"],
  "basedata:verify": ["agency"],
  "basedata:read-pii": ["agency", "grid_worker", "department"],
  "basedata:import": ["agency"],
  "basedata:export": ["agency"],
  "basedata:configure": ["agency"],
  "basedata:audit": ["agency"],
  "basedata:subject-request": ["agency"],
  "visit:write": ["grid_worker"],
  "visit:read": ["agency", "grid_worker"],
  // Disputes (矛盾纠纷): the case's handlers (its grid's workers, the agency holding it, the department dispatched to)
  // record, mediate and grade it; unmasked party identity only through an audited read; rules per county.
  "dispute:record": ["grid_worker", "agency", "department"],
  "dispute:mediate": ["grid_worker", "agency", "department"],
  "dispute:divert": ["agency", "department"],
  "dispute:grade": ["grid_worker", "agency", "department"],
  "dispute:read-pii": ["agency", "grid_worker", "department"],
  "dispute:warnings": ["agency", "department"],
  "dispute:configure": ["agency"],
  // Mediators and mediation bodies (人民调解委员会, professional organisations), registered with qualifications.
  "mediator:read": ["agency", "hr", "department", "grid_worker"],
  "mediator:write": ["agency", "department"],
  // 排查 campaigns: an agency opens one over grids and a period; workers screen with visits (visit:write).
  "campaign:read": ["agency", "grid_worker"],
  "campaign:write": ["agency"],
  // Pauses (挂账): a department or agency asks, an agency at the case's holder level or above decides.
  "case:request-pause": ["department", "agency"],
  "case:review-pause": ["agency"],
  "case:resume": ["department", "agency"],
  "request-types:read": ["agency", "department", "grid_worker"],
  "request-types:configure": ["agency"],
  // Duplicates while reporting (issue 16): a reporter looks for open cases of the matter nearby, and adds
  // themselves (+1) to one instead of filing a new case.
  "case:nearby": ["grid_worker", "agency"],
  "case:join": ["resident", "grid_worker"],
  // Hotspots (未诉先办, issue 16): agencies read their county's proposals, the county analyses, agencies issue/dismiss.
  "hotspot:read": ["agency"],
  "hotspot:analyse": ["agency"],
  "hotspot:issue": ["agency"],
  // Disputed returns (退单) and follow-up (回访): the agency rules on a department's return; a follow-up worker of the
  // agency records the call or visit after closure; the worklist of closed cases awaiting it.
  "case:rule-return": ["agency"],
  "case:follow-up": ["agency"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** Where a resource lives; any field may be absent when the resource has no such side. */
export interface ResourceScope {
  divisionCode?: string;
  departmentId?: string;
  /** All department ids involved (a case with a lead and assisting departments). */
  departmentIds?: readonly string[];
  gridCode?: string;
  ownerSub?: string;
}

function inJurisdiction(principal: Principal, role: Role, resource: ResourceScope): boolean {
  switch (role) {
    case "platform_admin":
      return true;
    case "agency":
    case "hr":
      return resource.divisionCode !== undefined && isWithinDivision(resource.divisionCode, principal.divisionCode);
    case "department": {
      if (!principal.departmentId) return false;
      const ids = resource.departmentIds ?? (resource.departmentId ? [resource.departmentId] : []);
      if (ids.length > 0) return ids.includes(principal.departmentId);
      // Resources with no department side (a grid, a division) are readable within the department's division.
      return resource.divisionCode !== undefined && isWithinDivision(resource.divisionCode, principal.divisionCode);
    }
    case "grid_worker":
      if (resource.gridCode) return (principal.grids ?? []).includes(resource.gridCode);
      return resource.divisionCode !== undefined && isWithinDivision(resource.divisionCode, principal.divisionCode);
    case "resident":
      return resource.ownerSub !== undefined && resource.ownerSub === principal.sub;
  }
}

/** The roles through which `principal` may take `action` on `resource` (empty: refused). */
export function grantingRoles(principal: Principal, action: Action, resource: ResourceScope): Role[] {
  const allowed: readonly Role[] = POLICY[action];
  return principal.roles.filter(
    (role) => (role === "platform_admin" || allowed.includes(role)) && inJurisdiction(principal, role, resource),
  );
}

export function can(principal: Principal, action: Action, resource: ResourceScope): boolean {
  return grantingRoles(principal, action, resource).length > 0;
}

/** True when some role of the principal may take the action somewhere (used before a list is scoped). */
export function mayEver(principal: Principal, action: Action): boolean {
  const allowed: readonly Role[] = POLICY[action];
  return principal.roles.some((role) => role === "platform_admin" || allowed.includes(role));
}
