import type { Action, Reference, ReferenceKind, ResourceScope } from "@civicgrid/auth";
import type { GridChange } from "@civicgrid/contracts";
import { assertReferences, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { dbOf } from "./store/db";
import { scopesOf } from "./store/scopes";

/**
 * Refuses unless every id the request names is on file (422) and within the caller's reach (403), through
 * `assertReferences` (the one place a second resource is checked, each refusal naming its field). A public
 * resource (a category of the city's catalogue) is in everyone's reach. `widen` lets a route say that a
 * resource is within reach of callers below it (a county's lists, for requests from inside the county): it
 * maps the resource's scope to the one checked.
 */
export async function assertNamed(
  c: Context<AppEnv>,
  references: readonly (Reference | undefined)[],
  widen: (scope: ResourceScope, ref: { kind: ReferenceKind; id: string }) => ResourceScope = (scope) => scope,
): Promise<void> {
  const named = references.filter((r): r is Reference => r !== undefined);
  if (named.length === 0) return;
  const publicScope: ResourceScope = { divisionCode: principalOf(c).divisionCode };
  const ids = new Map<ReferenceKind, string[]>();
  for (const r of named) ids.set(r.kind, [...(ids.get(r.kind) ?? []), r.id]);
  const scopes = await scopesOf(dbOf(c.env.DB), ids);
  await assertReferences(c, named, async (kind, id) => {
    const row = scopes.get(`${kind}:${id}`);
    if (!row) return null;
    const scope =
      row.divisionCode === null
        ? publicScope
        : { divisionCode: row.divisionCode, ...(row.gridCode ? { gridCode: row.gridCode } : {}) };
    return widen(scope, { kind, id });
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
