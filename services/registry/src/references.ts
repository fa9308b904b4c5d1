import type { Action, Reference, ReferenceKind, ResourceScope, ScopeResolver } from "@civicgrid/auth";
import type { GridChange } from "@civicgrid/contracts";
import { assertReferences, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "./env";

/**
 * Where each resource a registry request names lives, for `assertReferences` (the one place a second
 * resource is checked: unknown 422, outside the caller's jurisdiction 403, each naming its field). A division
 * lies at its own code; a grid (filed, or handed out in a draft layout) in its village, with its code for
 * grid workers; a category of the city's catalogue is public (向社会公布), so it is in everyone's reach and
 * only its existence is checked. One query per kind for all the ids of a request.
 */
const LOOKUPS: Partial<Record<ReferenceKind, string>> = {
  division: "SELECT code AS id, code AS division_code FROM divisions WHERE code IN (SELECT value FROM json_each(?1))",
  grid: "SELECT code AS id, village_code AS division_code, code AS grid_code FROM grids WHERE code IN (SELECT value FROM json_each(?1))",
  matter: "SELECT code AS id, NULL AS division_code FROM matter_categories WHERE code IN (SELECT value FROM json_each(?1))",
};

interface ScopeRow {
  id: string;
  division_code: string | null;
  grid_code?: string;
}

async function registryScopes(db: D1Database, references: readonly Reference[], publicScope: ResourceScope): Promise<ScopeResolver> {
  const kinds = [...new Set(references.map((r) => r.kind))].filter((k) => LOOKUPS[k]);
  const ids = (kind: ReferenceKind) => JSON.stringify(references.filter((r) => r.kind === kind).map((r) => r.id));
  const results = kinds.length > 0 ? await db.batch<ScopeRow>(kinds.map((k) => db.prepare(LOOKUPS[k] as string).bind(ids(k)))) : [];
  const scopes = new Map<string, ResourceScope>();
  kinds.forEach((kind, i) =>
    results[i]?.results.forEach((r) => scopes.set(`${kind}:${r.id}`, r.division_code === null ? publicScope : { divisionCode: r.division_code, ...(r.grid_code ? { gridCode: r.grid_code } : {}) })),
  );
  return async (kind, id) => scopes.get(`${kind}:${id}`) ?? null;
}

/**
 * Refuses unless every id the request names is on file (422) and within the caller's reach (403).
 * `widen` lets a route say that a resource is within reach of callers below it (a county's lists, for
 * requests from inside the county): it maps the resource's scope to the one checked.
 */
export async function assertNamed(
  c: Context<AppEnv>,
  references: readonly (Reference | undefined)[],
  widen: (scope: ResourceScope, ref: { kind: ReferenceKind; id: string }) => ResourceScope = (scope) => scope,
): Promise<void> {
  const named = references.filter((r): r is Reference => r !== undefined);
  if (named.length === 0) return;
  const principal = principalOf(c);
  const resolve = await registryScopes(c.env.DB, named, { divisionCode: principal.divisionCode });
  await assertReferences(c, named, async (kind, id) => {
    const scope = await resolve(kind, id);
    return scope && widen(scope, { kind, id });
  });
}

/** A reference to an optional id: nothing when the request leaves it out. */
export function ref(field: string, kind: ReferenceKind, id: string | undefined, action: Action): Reference | undefined {
  return id === undefined ? undefined : { field, kind, id, action };
}

/** Every village and grid a batch of layout changes names (merge and split targets included), with its field. */
export function changeReferences(changes: readonly GridChange[]): Reference[] {
  return changes.flatMap((change, i): Reference[] => {
    const at = `body.changes.${i}`;
    const grid = (field: string, id: string): Reference => ({ field, kind: "grid", id, action: "grid:write" });
    switch (change.op) {
      case "create":
        return [{ field: `${at}.villageCode`, kind: "division", id: change.villageCode, action: "grid:write" }];
      case "merge":
        return change.codes.map((code, j) => grid(`${at}.codes.${j}`, code));
      default:
        return [grid(`${at}.code`, change.code)];
    }
  });
}
