import { checkReferences, type Reference, type ReferenceRefusal, type ScopeResolver } from "@civicgrid/auth";
import type { Context } from "hono";
import { AppError } from "./errors";
import { principalOf } from "./principal";

/**
 * Refuses the request unless every id it names (besides the path's own resource) resolves to a resource the
 * caller may touch: an unknown id is 422, an id outside the caller's jurisdiction 403, each naming its field.
 * The one place routes check a second resource; see `checkReferences` in @civicgrid/auth.
 */
export async function assertReferences(
  c: Context,
  references: readonly Reference[],
  resolve: ScopeResolver,
): Promise<void> {
  if (references.length === 0) return;
  refuseReferences(await checkReferences(principalOf(c), references, resolve));
}

/**
 * The one answer to refused references: nothing when there are none; else 422 naming every unknown id, or (when all
 * are known) 403 naming every id out of reach, where `outside` says out of whose reach.
 */
export function refuseReferences(
  refusals: readonly ReferenceRefusal[],
  outside = "is outside your jurisdiction",
): void {
  if (refusals.length === 0) return;
  const unknown = refusals.filter((r) => r.reason === "unknown");
  const chosen = unknown.length > 0 ? unknown : refusals;
  const errors = chosen.map((r) => ({
    field: r.field,
    message: r.reason === "unknown" ? `no ${r.kind} ${r.id}` : `${r.kind} ${r.id} ${outside}`,
  }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  throw new AppError(unknown.length > 0 ? "unprocessable" : "forbidden", detail, { errors });
}
