import type { PersonHit } from "@civicgrid/contracts";
import { divisionPrefix } from "@civicgrid/contracts";
import { AppError, authorize } from "@civicgrid/http";
import { idHash, piiKeys } from "@civicgrid/http/pii";
import type { Context } from "hono";
import type { z } from "@hono/zod-openapi";
import { searchScopeOf, type SearchScope } from "../domain/people-search";
import { maySearchTag, mayReadPerson, ownedKinds, tagVisible } from "../domain/tag-visibility";
import { villageStub, type AppEnv } from "../env";
import { lookupIdentity } from "../identity/client";
import type { IdentityKind } from "../identity/identity-shard-do";
import { refuse } from "../refuse";
import { villagesUnder } from "../store/villages";
import type { VillageSearch } from "../village/people/reads";
import { nameHash, phoneHash } from "../village/people/identity";
import { rolesAt, viewerFor, type SearchQuery } from "./people";

type Query = z.infer<typeof SearchQuery>;

/** The exact keys a query carries, as keyed hashes: the identity index finds the villages holding them. */
async function exactKeys(env: AppEnv["Bindings"], q: Query) {
  const keys = await piiKeys(env.PII_KEY, "civicgrid-basedata");
  const out: { kind: IdentityKind; hash: string; field: keyof VillageSearch }[] = [];
  if (q.idNumber) out.push({ kind: "id", hash: await idHash(keys, `resident_id:${q.idNumber}`), field: "idHash" });
  if (q.phone) out.push({ kind: "phone", hash: await phoneHash(keys, q.phone), field: "phoneHash" });
  if (q.name) out.push({ kind: "name", hash: await nameHash(keys, q.name), field: "nameHash" });
  return out;
}

/**
 * The villages to ask: the one village of a grid or village; otherwise the villages under the scope that hold base
 * data (D1 `villages`), cut down by the identity index when the query has an exact key — never a village outside.
 */
async function villagesOf(env: AppEnv["Bindings"], scope: SearchScope, keys: Awaited<ReturnType<typeof exactKeys>>) {
  const prefix = divisionPrefix(scope.divisionCode);
  const known = (await villagesUnder(env.DB, prefix)).map((v) => v.code);
  if (scope.level === "village" || keys.length === 0) return known;
  const entries = await Promise.all(keys.map((k) => lookupIdentity(env, k.kind, k.hash)));
  const holding = entries.map((list) => new Set(list.map((e) => e.villageCode)));
  return known.filter((v) => holding.every((set) => set.has(v)));
}

/**
 * Searches people (issue item 12) within one grid, village, township or county, checked like every id: the scope
 * must lie in the caller's jurisdiction. A grid worker finds the people of their own grids; a department only people
 * with an open tag of a kind it owns; a sensitive tag is searched only by its owning department or a grid worker.
 * Names and identities are always masked; each hit keeps only the tags the caller may see.
 */
export async function searchPeople(c: Context<AppEnv>, q: Query) {
  const keys = await exactKeys(c.env, q);
  const scope = searchScopeOf(q, keys.length > 0);
  refuse(scope.ok ? null : scope.refusal);
  const s = (scope as { ok: true; value: SearchScope }).value;
  if (s.gridCode) {
    const grid = await c.env.REGISTRY.grid(s.gridCode);
    if (!grid) throw AppError.field(s.field, `no grid ${s.gridCode}`, "unprocessable");
  }
  const { principal, roles } = authorize(c, "basedata:read", { divisionCode: s.divisionCode, gridCode: s.gridCode });
  const viewer = await viewerFor(c.env, principal, roles, s.divisionCode);
  if (q.tag && !maySearchTag(viewer, q.tag))
    throw AppError.field(
      "query.tag",
      `${q.tag} is sensitive: only its owning department and grid workers`,
      "forbidden",
    );
  const broad = roles.some((r) => r === "agency" || r === "platform_admin");
  const workerOnly = !broad && !roles.includes("department");
  const grids = s.gridCode ? [s.gridCode] : workerOnly ? (principal.grids ?? []) : null;
  const search: VillageSearch = {
    grids: workerOnly && grids ? grids.filter((g) => (principal.grids ?? []).includes(g)) : grids,
    ...Object.fromEntries(keys.map((k) => [k.field, k.hash])),
    ...(q.name && s.level === "village" ? { namePrefix: q.name } : {}),
    ...(q.tag ? { tag: q.tag } : {}),
    ...(!broad && !roles.includes("grid_worker") ? { anyOpenTag: ownedKinds(viewer.departmentKind) } : {}),
    ...(q.status ? { status: q.status } : {}),
    limit: q.limit + 1,
  };
  const villages = await villagesOf(c.env, s, keys);
  const found = await Promise.all(villages.map((v) => villageStub(c.env, v).searchPeople(v, search)));
  const items: PersonHit[] = [];
  for (const hit of found.flat()) {
    const at = { ...viewer, roles: rolesAt(principal, hit.villageCode, hit.gridCode) };
    if (!mayReadPerson(at, hit.tags)) continue;
    if (q.tag && !tagVisible(at, q.tag, hit.gridCode)) continue;
    items.push({ ...hit, tags: hit.tags.filter((k) => tagVisible(at, k, hit.gridCode)) });
  }
  return { items: items.slice(0, q.limit), truncated: items.length > q.limit };
}
