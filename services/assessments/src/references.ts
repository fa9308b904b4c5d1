import type { Action, ScopeResolver } from "@civicgrid/auth";
import { DivisionCode, type Principal } from "@civicgrid/contracts";
import { assertReferences } from "@civicgrid/http";
import type { Context } from "hono";
import type { Env } from "./env";
import { allFacts } from "./store/shards";
import { workerDivision } from "./store/workers";

/**
 * Where the resources a request may name live, for `assertReferences`. A division is where its code says
 * (any well-formed code: the registry keeps no list this service could ask). A worker (a login subject) is
 * where their own records put them: the newest check-in, patrol or case event they made as a grid worker, on any
 * county's shard;
 * a subject this service has never seen is unknown.
 */
export function assessmentScopes(env: Env): ScopeResolver {
  return async (kind, id) => {
    if (kind === "division") return DivisionCode.safeParse(id).success ? { divisionCode: id } : null;
    if (kind !== "worker") return null;
    const divisionCode = await workerDivision(allFacts(env), id);
    return divisionCode ? { divisionCode } : null;
  };
}

/** Refuses unless `divisionCode`, named at `field`, lies in the caller's jurisdiction for `action`. */
export async function assertDivision(
  c: Context,
  field: string,
  divisionCode: string | undefined,
  action: Action,
): Promise<void> {
  if (divisionCode === undefined) return;
  const resolve = assessmentScopes(c.env as Env);
  await assertReferences(c, [{ field, kind: "division", id: divisionCode, action }], resolve);
}

/** Refuses unless the worker `sub`, named at `field`, is known and in the caller's jurisdiction. */
export async function assertWorker(c: Context, principal: Principal, field: string, sub: string): Promise<void> {
  if (sub === principal.sub) return;
  const resolve = assessmentScopes(c.env as Env);
  await assertReferences(c, [{ field, kind: "worker", id: sub, action: "assessment:read" }], resolve);
}
