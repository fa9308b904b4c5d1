import { createRoute } from "@hono/zod-openapi";
import { can } from "@civicgrid/auth";
import { CaseStatus, NearbyCases, NearbyQuery, PublicNearbyCases } from "@civicgrid/contracts";
import { authorize, createRouter, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { findNearby, NEARBY_LIMIT, placeOf, publicOf, summaryOf } from "../nearby/find";

/**
 * Duplicates while reporting (issue 16): before filing, a reporter asks for open cases of the matter nearby and may
 * join one (+1) instead. Workers and agencies see the cases they may read; anyone sees the public fields.
 */
export const nearbyRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/nearby",
      summary: "Open cases of a matter near a point (possible duplicates), nearest first",
      request: { query: NearbyQuery },
      responses: {
        200: { description: "the possible duplicates", content: { "application/json": { schema: NearbyCases } } },
      },
    }),
    async (c) => {
      const ask = c.req.valid("query");
      const place = await placeOf(c.env, ask);
      // The caller must be one who could report at the point (a grid worker of its grid, an agency above it).
      authorize(c, "case:nearby", { divisionCode: place.villageCode, gridCode: place.gridCode });
      const principal = principalOf(c);
      const { settings, found } = await findNearby(c.env, c.var.shards, ask, place, new Date());
      const readable = found.filter((row) =>
        can(principal, "case:read", {
          divisionCode: row.divisionCode,
          gridCode: row.gridCode ?? undefined,
          ownerSub: row.reporterSub ?? undefined,
        }),
      );
      return c.json({ settings, cases: readable.slice(0, NEARBY_LIMIT).map(summaryOf) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/public/cases/nearby",
      summary: "Without a login: open cases of a matter near a point (public fields), to join one (+1)",
      request: { query: NearbyQuery },
      responses: {
        200: {
          description: "the possible duplicates",
          content: { "application/json": { schema: PublicNearbyCases } },
        },
      },
    }),
    async (c) => {
      const ask = c.req.valid("query");
      const { settings, found } = await findNearby(c.env, c.var.shards, ask, await placeOf(c.env, ask), new Date());
      const cases = found
        .map(publicOf)
        .filter((r) => r !== null)
        .slice(0, NEARBY_LIMIT)
        .map((r) => ({ ...r, status: CaseStatus.parse(r.status) }));
      return c.json({ settings, cases }, 200);
    },
  );
