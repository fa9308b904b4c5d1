import type { Action, Reference, ScopeResolver } from "@civicgrid/auth";
import { villageOfId } from "@civicgrid/contracts";
import { AppError, assertReferences } from "@civicgrid/http";
import type { Context } from "hono";
import type { NamedId } from "./domain/references";
import { villageStub, type AppEnv, type Env } from "./env";
import type { RecordScope } from "./village/scopes";
import { knownVillages } from "./store/villages";

/**
 * Where each base-data record lies, asked of the objects of the villages the ids name (one call per village, only
 * villages that hold base data: an id of any other village is simply unknown, and no object is created for it).
 */
export async function recordScopes(env: Env, ids: readonly string[]): Promise<Map<string, RecordScope>> {
  const byVillage = new Map<string, string[]>();
  for (const id of ids) {
    const village = villageOfId(id);
    if (village) byVillage.set(village, [...(byVillage.get(village) ?? []), id]);
  }
  const known = await knownVillages(env.DB, [...byVillage.keys()]);
  const answers = await Promise.all(
    [...byVillage].filter(([v]) => known.has(v)).map(([v, list]) => villageStub(env, v).scopes(v, list)),
  );
  return new Map(answers.flatMap((a) => Object.entries(a)));
}

/** A resolver over the scopes of base-data records: a record lies in its village and grid. */
export function resolverOf(scopes: Map<string, RecordScope>): ScopeResolver {
  return async (kind, id) => {
    if (kind === "division") return { divisionCode: id };
    const scope = scopes.get(id);
    return scope ? { divisionCode: scope.villageCode, ...(scope.gridCode ? { gridCode: scope.gridCode } : {}) } : null;
  };
}

/**
 * Refuses unless every base-data id the request names exists (422) and lies in the caller's reach for `action`
 * (403), each naming its field; answers the scopes found, for the caller's next checks.
 */
export async function assertRecordReferences(
  c: Context<AppEnv>,
  named: readonly NamedId[],
  action: Action,
): Promise<Map<string, RecordScope>> {
  const scopes = await recordScopes(
    c.env,
    named.map((n) => n.id),
  );
  const references: Reference[] = named.map((n) => ({ field: n.field, kind: n.kind, id: n.id, action }));
  await assertReferences(c, references, resolverOf(scopes));
  return scopes;
}

/** The scope of the one record a path names: 404 when there is none. */
export async function recordScope(c: Context<AppEnv>, id: string): Promise<RecordScope> {
  const scope = (await recordScopes(c.env, [id])).get(id);
  if (!scope) throw new AppError("not_found", `no record ${id}`);
  return scope;
}
