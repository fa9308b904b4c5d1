import { createRoute, z } from "@hono/zod-openapi";
import { CountyRequestTypes, RequestTypeLimitsBody, RequestTypesCounty } from "@civicgrid/contracts";
import { authorize, createRouter } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { database } from "../store/db";
import { requestTypesOf, saveRequestTypes } from "../store/request-types";

const params = z.object({ countyCode: RequestTypesCounty.openapi({ example: "440703000000" }) });
const answer = { "application/json": { schema: CountyRequestTypes } };

/** A county's default time limits per request type (接诉即办): read by its staff, set by its agency or one above. */
export const requestTypeRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/request-types/{countyCode}",
      summary: "A county's default step limits per request type (咨询, 求助, 投诉, 举报, 建议)",
      request: { params },
      responses: { 200: { description: "the defaults in force (empty: the built-in limits)", content: answer } },
    }),
    async (c) => {
      const { countyCode } = c.req.valid("param");
      authorize(c, "request-types:read", { divisionCode: countyCode });
      return c.json(await requestTypesOf(database(c.env.DB), countyCode), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/v1/request-types/{countyCode}",
      summary: "Set a county's default step limits per request type (county agency or above)",
      request: { params, body: { content: { "application/json": { schema: RequestTypeLimitsBody } }, required: true } },
      responses: { 200: { description: "the defaults now in force", content: answer } },
    }),
    async (c) => {
      const { countyCode } = c.req.valid("param");
      // A township's agency lies inside the county, not over it: only the county (or the city) sets its defaults.
      const { principal } = authorize(c, "request-types:configure", { divisionCode: countyCode });
      const { types } = c.req.valid("json");
      return c.json(await saveRequestTypes(database(c.env.DB), countyCode, types, principal.sub), 200);
    },
  );
