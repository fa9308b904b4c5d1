import { divisionPrefix, type Principal } from "@civicgrid/contracts";
import { AppError, shardOf, shardsUnder, UnknownCountyError, type ErrorCode } from "@civicgrid/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "./env";
import { BOOKMARK_HEADER, formatBookmarks, mergeBookmarks, parseBookmarks, ShardSessions } from "./store/sessions";
import { readModels, type ReadModel } from "./store/shards";

/**
 * Which county shards a request reads (issue 17; services/cases/README.md "Read-model shards"): a caller whose
 * jurisdiction lies in one county reads that county's shard, a city-level caller (or a list not bounded to a
 * county) every shard, merged (`mergedPage` of @civicgrid/http). Each read goes through the request's D1 session (store/sessions.ts).
 */

/**
 * Opens the request's shard sessions from its `x-d1-bookmark` entries and answers with the latest bookmark of every
 * shard it used (with the entries a command's own answer set, e.g. the case object's projection).
 */
export function shardSessions(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sessions = new ShardSessions(parseBookmarks(c.req.header(BOOKMARK_HEADER)));
    c.set("shards", sessions);
    await next();
    const latest = sessions.latest();
    const own = c.res.headers.get(BOOKMARK_HEADER);
    if (own) {
      try {
        mergeBookmarks(latest, parseBookmarks(own));
      } catch {
        return; // an answer's own header that is not ours to merge is passed on as it is
      }
    }
    if (latest.size === 0) return;
    try {
      c.res.headers.set(BOOKMARK_HEADER, formatBookmarks(latest));
    } catch {
      // A response with immutable headers (one passed on from a fetch): copied once to add the bookmarks.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set(BOOKMARK_HEADER, formatBookmarks(latest));
    }
  };
}

/**
 * Where the rows a caller may list can lie, as division or grid prefixes (`"all"`: any county). An agency its
 * subtree, a grid worker their grids; a platform admin, a department (its cases lie wherever it is assigned) and a
 * resident (their reports anywhere) any county. The list's own visibility filter still decides row by row.
 */
export function scopeOf(principal: Principal): string[] | "all" {
  const prefixes: string[] = [];
  for (const role of principal.roles) {
    if (role === "agency") prefixes.push(divisionPrefix(principal.divisionCode));
    else if (role === "grid_worker") prefixes.push(...(principal.grids ?? []));
    else if (role !== "hr") return "all";
  }
  return prefixes;
}

/** The significant digits of a division code (12) or a grid code (15, kept whole). */
const prefixOf = (code: string) => (code.length === 12 ? divisionPrefix(code) : code);

/** The shards a list reads: the caller's scope, narrowed by the query's division and grid when it names them. */
export function shardsFor(env: Env, principal: Principal, narrowedTo: (string | undefined)[] = []) {
  const scope = scopeOf(principal);
  let models = scope === "all" ? readModels(env) : shardsUnder(readModels(env), scope);
  for (const code of narrowedTo) if (code !== undefined) models = shardsUnder(models, [prefixOf(code)]);
  return models;
}

/** A county's shard, or a problem naming the field that gave a county this city has none of. */
export function countyShard(env: Env, countyCode: string, field: string, code: ErrorCode = "not_found"): ReadModel {
  try {
    return shardOf(env, "CASES", countyCode);
  } catch (error) {
    if (error instanceof UnknownCountyError)
      throw AppError.field(field, `no county ${countyCode.slice(0, 6)} in this city's read model`, code);
    throw error;
  }
}
