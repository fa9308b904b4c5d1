import { createRoute, z } from "@hono/zod-openapi";
import { DivisionCode, PublicAddress, divisionLevel } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { villageStub, type AppEnv } from "../env";
import { knownVillages } from "../store/villages";
import { json } from "./addresses";

export const publicAddressRoutes = createRouter<AppEnv>();

/**
 * A search, never a list: the text is required and the answer short, so that the standard addresses of a village
 * are found one door plate at a time rather than read out whole.
 */
const PublicAddressQuery = z.object({
  villageCode: DivisionCode,
  q: z.string().trim().min(1).max(60),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

publicAddressRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/addresses",
    summary:
      "Find a standard address (标准地址) of a village by any part of it, and the grid it lies in: roads, door numbers " +
      "and buildings only, as their full names and grid codes, so that a resident finds their grid from an address",
    security: [],
    request: { query: PublicAddressQuery },
    responses: {
      200: { description: "the closest matches, shortest first", ...json(z.object({ items: z.array(PublicAddress) })) },
    },
  }),
  async (c) => {
    const { villageCode, q, limit } = c.req.valid("query");
    if (divisionLevel(villageCode) !== "village")
      throw AppError.field("query.villageCode", `${villageCode} is not a village`, "unprocessable");
    c.header("cache-control", "public, max-age=60");
    // A village with no base data answers empty without an object being made for it.
    if (!(await knownVillages(c.env.DB, [villageCode])).has(villageCode)) return c.json({ items: [] }, 200);
    const items = await villageStub(c.env, villageCode).publicAddresses(villageCode, q, limit);
    return c.json({ items }, 200);
  },
);
