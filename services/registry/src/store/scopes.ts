import type { ReferenceKind } from "@civicgrid/auth";
import { inJson, type Db } from "./db";
import { divisions, grids, matterCategories } from "./schema";

/** Where a resource a request names lives: its division (null: public, in everyone's reach) and grid. */
export interface ScopeRow {
  id: string;
  divisionCode: string | null;
  gridCode?: string;
}

/**
 * The scopes of the named ids of each kind, one query per kind in one batch. A division lies at its own
 * code; a grid (filed, or handed out in a draft layout) in its village, with its code for grid workers; a
 * category of the city's catalogue is public (向社会公布), so only its existence is checked.
 */
export async function scopesOf(db: Db, ids: ReadonlyMap<ReferenceKind, string[]>): Promise<Map<string, ScopeRow>> {
  // One column per name: D1 answers a batch's rows as objects, where two columns of one name would collide.
  const queries = {
    division: (codes: string[]) =>
      db.select({ id: divisions.code }).from(divisions).where(inJson(divisions.code, codes)),
    grid: (codes: string[]) =>
      db.select({ id: grids.code, village: grids.villageCode }).from(grids).where(inJson(grids.code, codes)),
    matter: (codes: string[]) =>
      db.select({ id: matterCategories.code }).from(matterCategories).where(inJson(matterCategories.code, codes)),
  };
  const scopeOf: Record<keyof typeof queries, (r: { id: string; village?: string }) => ScopeRow> = {
    division: (r) => ({ id: r.id, divisionCode: r.id }),
    grid: (r) => ({ id: r.id, divisionCode: r.village ?? null, gridCode: r.id }),
    matter: (r) => ({ id: r.id, divisionCode: null }),
  };
  const kinds = [...ids.keys()].filter((k): k is keyof typeof queries => k in queries);
  const scopes = new Map<string, ScopeRow>();
  const [first, ...rest] = kinds.map((k) => queries[k](ids.get(k) ?? []));
  if (!first) return scopes;
  const results = (await db.batch([first, ...rest])) as { id: string; village?: string }[][];
  kinds.forEach((kind, i) => results[i]?.forEach((r) => scopes.set(`${kind}:${r.id}`, scopeOf[kind](r))));
  return scopes;
}
