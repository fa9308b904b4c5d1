import type { ReferenceKind, ResourceScope } from "@civicgrid/auth";
import { inArray } from "drizzle-orm";
import { gridDivision } from "../domain/scopes";
import { jsonIds, type Db } from "./db";
import { departments, knownGrids, mediationBodies, mediators, users, workers } from "./schema";

/**
 * Where each resource the roster knows lives, for the second resources a request names: one query per kind for
 * all the ids of a request (one batch for all kinds), so a user given 500 grids costs one lookup, not 500. A grid
 * is known when the registry has told the roster of it; it lies in its village, the first 12 digits of its code.
 */
const LOOKUPS = {
  worker: (db: Db, ids: string[]) =>
    db
      .select({ id: workers.id, divisionCode: workers.divisionCode, departmentId: workers.departmentId })
      .from(workers)
      .where(inArray(workers.id, jsonIds(ids))),
  grid: (db: Db, ids: string[]) =>
    db
      .select({ id: knownGrids.code })
      .from(knownGrids)
      .where(inArray(knownGrids.code, jsonIds(ids))),
  department: (db: Db, ids: string[]) =>
    db
      .select({ id: departments.id, divisionCode: departments.divisionCode })
      .from(departments)
      .where(inArray(departments.id, jsonIds(ids))),
  user: (db: Db, ids: string[]) =>
    db
      .select({ id: users.sub, divisionCode: users.divisionCode })
      .from(users)
      .where(inArray(users.sub, jsonIds(ids))),
  // Disputes: a mediator lies in its body's (or grid worker's) division, a mediation body in its own.
  mediator: (db: Db, ids: string[]) =>
    db
      .select({ id: mediators.id, divisionCode: mediators.divisionCode })
      .from(mediators)
      .where(inArray(mediators.id, jsonIds(ids))),
  "mediation-body": (db: Db, ids: string[]) =>
    db
      .select({ id: mediationBodies.id, divisionCode: mediationBodies.divisionCode })
      .from(mediationBodies)
      .where(inArray(mediationBodies.id, jsonIds(ids))),
};
type Looked = keyof typeof LOOKUPS;
type Row = { id: string; divisionCode?: string; departmentId?: string | null };

const SCOPE_OF: Record<Looked, (r: Row) => ResourceScope> = {
  worker: (r) => ({ divisionCode: r.divisionCode!, ...(r.departmentId ? { departmentId: r.departmentId } : {}) }),
  grid: (r) => ({ divisionCode: gridDivision(r.id), gridCode: r.id }),
  department: (r) => ({ divisionCode: r.divisionCode!, departmentId: r.id }),
  user: (r) => ({ divisionCode: r.divisionCode! }),
  mediator: (r) => ({ divisionCode: r.divisionCode! }),
  "mediation-body": (r) => ({ divisionCode: r.divisionCode! }),
};

const looked = (kind: ReferenceKind): kind is Looked => kind in LOOKUPS;

/** The scopes of the given ids by kind, keyed `kind:id`; ids the roster does not know are absent. */
export async function scopesOf(db: Db, idsByKind: Map<ReferenceKind, string[]>): Promise<Map<string, ResourceScope>> {
  const kinds = [...idsByKind.keys()].filter(looked);
  const [first, ...rest] = kinds.map((k) => LOOKUPS[k](db, idsByKind.get(k) ?? []));
  const results = (first ? await db.batch([first, ...rest]) : []) as Row[][];
  const scopes = new Map<string, ResourceScope>();
  kinds.forEach((kind, i) => results[i]?.forEach((row) => scopes.set(`${kind}:${row.id}`, SCOPE_OF[kind](row))));
  return scopes;
}
