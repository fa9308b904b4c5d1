import { GridCode, LocateQuery, PublicGridWithCounts } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { indexOn, locationIn } from "../store/locator";
import { publicGrid } from "../store/disclosure";
import { shanghaiToday } from "../domain/time";
import { cacheableJson } from "./cacheable";
import { jsonOf, refusals } from "./openapi";

export const publicGrids = createRouter<AppEnv>();

/** Short enough that a roster change shows within seconds; the ETag makes revalidation cheap. */
export const DISCLOSURE_CACHE = "public, max-age=15, stale-while-revalidate=30";

async function disclose(c: Context<AppEnv>, code: string) {
  const grid = await publicGrid(dbOf(c.env.DB), code, shanghaiToday());
  if (!grid) throw new AppError("not_found", `no grid ${code} is in force`);
  return cacheableJson(c, grid, DISCLOSURE_CACHE);
}

// Registered before /{code} so that "locate" is never read as a grid code.
publicGrids.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/grids/locate",
    summary:
      "公示 of the grid covering a point: name, area, workers' names, roles and work phones, supervision phone, " +
      "households and population as the base data counts them",
    security: [],
    request: { query: LocateQuery.omit({ onDate: true }) },
    responses: {
      200: jsonOf(PublicGridWithCounts, "the grid's public facts"),
      304: { description: "not modified" },
      ...refusals,
    },
  }),
  async (c) => {
    const { lng, lat } = c.req.valid("query");
    const location = locationIn(await indexOn(dbOf(c.env.DB), shanghaiToday()), lng, lat);
    if (!location) throw new AppError("not_found", `no grid covers (${lng}, ${lat})`);
    return disclose(c, location.gridCode) as never;
  },
);

publicGrids.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/grids/{code}",
    summary: "公示 of a grid by its code",
    security: [],
    request: { params: z.object({ code: GridCode }) },
    responses: {
      200: jsonOf(PublicGridWithCounts, "the grid's public facts"),
      304: { description: "not modified" },
      ...refusals,
    },
  }),
  async (c) => disclose(c, c.req.valid("param").code) as never,
);
