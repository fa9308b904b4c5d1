import type { Action, Reference, ReferenceKind, ResourceScope, ScopeResolver } from "@civicgrid/auth";
import { assertReferences } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "./env";

/**
 * Where each resource the roster knows lives, for the second resources a request names (a worker to assign,
 * a grid to give a user, a department to attach): one query per kind for all the ids of a request, so a user
 * given 500 grids costs one lookup, not 500. A grid is known when the registry has told the roster of it
 * (queue/registry-events.ts); it lies in its village, the first 12 digits of its code.
 */
const IDS = "(SELECT value FROM json_each(?1))";
const LOOKUPS: Partial<Record<ReferenceKind, string>> = {
  worker: `SELECT id, division_code, department_id FROM workers WHERE id IN ${IDS}`,
  grid: `SELECT code AS id, substr(code, 1, 12) AS division_code, code AS grid_code FROM known_grids
         WHERE code IN ${IDS}`,
  department: `SELECT id, division_code, id AS department_id FROM departments WHERE id IN ${IDS}`,
  user: `SELECT sub AS id, division_code FROM users WHERE sub IN ${IDS}`,
};

interface ScopeRow {
  id: string;
  division_code: string;
  department_id?: string | null;
  grid_code?: string;
}

const toScope = (r: ScopeRow): ResourceScope => ({
  divisionCode: r.division_code,
  ...(r.department_id ? { departmentId: r.department_id } : {}),
  ...(r.grid_code ? { gridCode: r.grid_code } : {}),
});

/** A resolver over the scopes of every id in `references`, read up front; a division is its own scope. */
export async function rosterScopes(db: D1Database, references: readonly Reference[]): Promise<ScopeResolver> {
  const kinds = [...new Set(references.map((r) => r.kind))].filter((k) => LOOKUPS[k]);
  const idsOf = (kind: ReferenceKind) => JSON.stringify(references.filter((r) => r.kind === kind).map((r) => r.id));
  const statements = kinds.map((k) => db.prepare(LOOKUPS[k]!).bind(idsOf(k)));
  const results = statements.length > 0 ? await db.batch<ScopeRow>(statements) : [];
  const scopes = new Map<string, ResourceScope>();
  kinds.forEach((kind, i) => results[i]?.results.forEach((row) => scopes.set(`${kind}:${row.id}`, toScope(row))));
  return async (kind, id) => (kind === "division" ? { divisionCode: id } : (scopes.get(`${kind}:${id}`) ?? null));
}

/** Refuses unless every id the request names is known to the roster (422) and within the caller's reach (403). */
export async function assertRosterReferences(
  c: Context<AppEnv>,
  references: readonly (Reference | undefined)[],
): Promise<void> {
  const named = references.filter((r): r is Reference => r !== undefined);
  await assertReferences(c, named, await rosterScopes(c.env.DB, named));
}

/** A reference to an optional id: nothing when the request leaves it out. */
export function ref(field: string, kind: ReferenceKind, id: string | undefined, action: Action) {
  return id === undefined ? undefined : ({ field, kind, id, action } satisfies Reference);
}

/** One reference per grid of a list, each naming its place (`body.grids[2]`). */
export function gridRefs(field: string, codes: readonly string[] | undefined, action: Action): Reference[] {
  return (codes ?? []).map((id, i) => ({ field: `${field}[${i}]`, kind: "grid", id, action }));
}
