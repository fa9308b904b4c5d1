import type { Action, Reference, ReferenceKind, ScopeResolver } from "@civicgrid/auth";
import { assertReferences } from "@civicgrid/http";
import type { Context } from "hono";
import { retiredGridRefusal } from "./domain/known-grids";
import type { AppEnv } from "./env";
import { refuse } from "./refuse";
import { dbOf, type Db } from "./store/db";
import { knownGridStatus } from "./store/known-grids";
import { scopesOf } from "./store/scopes";

/**
 * A resolver over the scopes of every id in `references` (a worker to assign, a grid to give a user, a department
 * to attach), read up front in one batch (store/scopes.ts); a division is its own scope.
 */
async function rosterScopes(db: D1Database, references: readonly Reference[]): Promise<ScopeResolver> {
  const idsByKind = new Map<ReferenceKind, string[]>();
  for (const r of references) idsByKind.set(r.kind, [...(idsByKind.get(r.kind) ?? []), r.id]);
  const scopes = await scopesOf(dbOf(db), idsByKind);
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

/** Refuses (422, naming the field) a new appointment to a grid the registry has retired. */
export async function assertGridInService(db: Db, gridCode: string, field: string): Promise<void> {
  refuse(retiredGridRefusal(await knownGridStatus(db, gridCode), gridCode, field));
}

/** A reference to an optional id: nothing when the request leaves it out. */
export function ref(field: string, kind: ReferenceKind, id: string | undefined, action: Action) {
  return id === undefined ? undefined : ({ field, kind, id, action } satisfies Reference);
}

/** One reference per grid of a list, each naming its place (`body.grids[2]`). */
export function gridRefs(field: string, codes: readonly string[] | undefined, action: Action): Reference[] {
  return (codes ?? []).map((id, i) => ({ field: `${field}[${i}]`, kind: "grid", id, action }));
}
