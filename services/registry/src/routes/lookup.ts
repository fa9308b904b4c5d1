import { AppError, authorizeEver, createRouter } from "@civicgrid/http";
import { LocateBatch, LocateQuery, PointLocationSchema } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { indexOn, locationIn } from "../store/locator";
import { shanghaiToday } from "../domain/time";
import { jsonBody, jsonOf, refusals } from "./openapi";

export const lookup = createRouter<AppEnv>();

lookup.openapi(
  createRoute({
    method: "get",
    path: "/v1/lookup",
    summary: "The grid, village, township and county of a point (today, or on onDate from grid history)",
    request: { query: LocateQuery },
    responses: { 200: jsonOf(PointLocationSchema, "where the point lies"), ...refusals },
  }),
  async (c) => {
    authorizeEver(c, "grid:read");
    const { lng, lat, onDate } = c.req.valid("query");
    const location = locationIn(await indexOn(dbOf(c.env.DB), onDate ?? shanghaiToday()), lng, lat);
    if (!location) throw new AppError("not_found", `no grid covers (${lng}, ${lat})${onDate ? ` on ${onDate}` : ""}`);
    return c.json(location, 200);
  },
);

lookup.openapi(
  createRoute({
    method: "post",
    path: "/v1/lookup/batch",
    summary: "Point lookup for up to 1,000 points (e.g. a patrol track); null where no grid covers a point",
    request: jsonBody(LocateBatch),
    // A union with null, not .nullable(): on a registered component the generator writes allOf [$ref, nullable],
    // which no null satisfies.
    responses: {
      200: jsonOf(
        z.object({ results: z.array(z.union([PointLocationSchema, z.null()])) }),
        "one answer per point, in order",
      ),
      ...refusals,
    },
  }),
  async (c) => {
    authorizeEver(c, "grid:read");
    const { points, onDate } = c.req.valid("json");
    const entry = await indexOn(dbOf(c.env.DB), onDate ?? shanghaiToday());
    return c.json({ results: points.map((p) => locationIn(entry, p.lng, p.lat)) }, 200);
  },
);
