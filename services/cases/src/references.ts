import type { Reference, ResourceScope, ScopeResolver } from "@civicgrid/auth";
import type { CaseListQuery, ResolvedParty } from "@civicgrid/contracts";
import { LIFECYCLE, readScope, type CaseCommand } from "./domain";
import { caseStub, type Env } from "./env";

/**
 * Where the resources a cases request names live, for `assertReferences` (the one place a second resource is
 * checked): a department where the roster files it, a case where it lies (read from its DO, the authority),
 * a grid at its village, a division at itself, a dispute's party (a base-data person or unit) at its village and
 * grid, a mediator where their committee or organisation mediates. Lookups are remembered for the request, so a
 * route can read a scope it has just checked without asking the registry or roster again; `known` seeds scopes the
 * route has already looked up (`<kind>:<id>`, e.g. a batch of parties resolved at once).
 */
export function scopeResolver(env: Env, known: Record<string, ResourceScope | null> = {}): ScopeResolver {
  const seen = new Map<string, Promise<ResourceScope | null>>(
    Object.entries(known).map(([k, scope]) => [k, Promise.resolve(scope)]),
  );
  const lookup = async (kind: string, id: string): Promise<ResourceScope | null> => {
    switch (kind) {
      case "department": {
        const dept = await env.ROSTER.department(id);
        return dept ? { divisionCode: dept.divisionCode, departmentId: dept.departmentId } : null;
      }
      case "case": {
        const state = await caseStub(env, id).snapshot();
        return state ? readScope(state) : null;
      }
      case "grid": {
        const grid = await env.REGISTRY.grid(id);
        return grid && grid.status === "active" ? { divisionCode: grid.villageCode, gridCode: grid.code } : null;
      }
      case "division":
        return { divisionCode: id };
      case "person":
      case "unit": {
        const [party] = await env.BASEDATA.resolveParties([kind === "person" ? { personId: id } : { unitId: id }]);
        return partyScope(party ?? null);
      }
      case "mediator": {
        const mediator = await env.ROSTER.mediator(id);
        return mediator ? { divisionCode: mediator.divisionCode } : null;
      }
      default:
        return null;
    }
  };
  return (kind, id) => {
    const k = `${kind}:${id}`;
    if (!seen.has(k)) seen.set(k, lookup(kind, id));
    return seen.get(k)!;
  };
}

/** Where a base-data party lies (its village and grid), or null when base data knows no such record. */
export function partyScope(party: ResolvedParty | null): ResourceScope | null {
  if (!party?.ref || !party.villageCode) return null;
  return { divisionCode: party.villageCode, gridCode: party.gridCode ?? undefined };
}

/** The resources a case command names in its body, checked with the command's own policy action. */
export function commandReferences(command: CaseCommand): Reference[] {
  const action = LIFECYCLE[command.name].by;
  switch (command.name) {
    case "dispatch":
      return [
        { field: "body.leadDepartmentId", kind: "department", id: command.body.leadDepartmentId, action },
        ...command.body.assistingDepartmentIds.map((id, i): Reference => ({
          field: `body.assistingDepartmentIds[${i}]`,
          kind: "department",
          id,
          action,
        })),
      ];
    case "merge":
      return [{ field: "body.intoCaseId", kind: "case", id: command.body.intoCaseId, action }];
    default:
      return [];
  }
}

/**
 * The list's filters that name a resource. A filter outside the caller's jurisdiction is refused (403 naming it)
 * rather than silently answered with an empty page, so a caller learns their filter was wrong, not that
 * nothing happened there.
 */
export function listReferences(q: CaseListQuery): Reference[] {
  const refs: Reference[] = [];
  if (q.division) refs.push({ field: "query.division", kind: "division", id: q.division, action: "case:read" });
  if (q.grid) refs.push({ field: "query.grid", kind: "grid", id: q.grid, action: "case:read" });
  if (q.department) refs.push({ field: "query.department", kind: "department", id: q.department, action: "case:read" });
  return refs;
}
