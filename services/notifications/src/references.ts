import type { ScopeResolver } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { AppError, assertReferences } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv, Env } from "./env";

/**
 * Where the resources a notifications request names live, for `assertReferences`: a grid lies in its
 * village, by the registry over RPC. Only an active grid counts: a draft or retired one has no public
 * disclosure (公示) to follow.
 */
export function notificationScopes(env: Pick<Env, "REGISTRY">): ScopeResolver {
  return async (kind, id) => {
    if (kind !== "grid") return null;
    const grid = await env.REGISTRY.grid(id);
    return grid && grid.status === "active" ? { divisionCode: grid.villageCode, gridCode: grid.code } : null;
  };
}

/** Staff act within a jurisdiction; a resident has none (their reach is their own records). */
const holdsJurisdiction = (principal: Principal) => principal.roles.some((r) => r !== "resident");

/**
 * The grid a subscription follows (named at `field`). Staff may follow grids of their own jurisdiction,
 * checked like every other named resource. A grid's disclosure is public and may be pushed to residents
 * (Jiangmen 第八条), so a resident may follow any active grid: for them only its existence is checked, by the
 * same resolver.
 */
export async function assertSubscribable(c: Context<AppEnv>, principal: Principal, field: string, gridCode: string) {
  const resolve = notificationScopes(c.env);
  if (holdsJurisdiction(principal)) {
    await assertReferences(c, [{ field, kind: "grid", id: gridCode, action: "grid:read" }], resolve);
    return;
  }
  if (await resolve("grid", gridCode)) return;
  const message = `no grid ${gridCode}`;
  throw new AppError("unprocessable", `${field}: ${message}`, { errors: [{ field, message }] });
}
