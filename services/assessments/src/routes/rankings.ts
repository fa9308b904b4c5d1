import { createRoute } from "@hono/zod-openapi";
import { pageOf, RankingQuery, RankingRow } from "@civicgrid/contracts";
import { authorizeEver, createRouter } from "@civicgrid/http";
import { rankingScopes } from "../access";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { dbOf } from "../store/db";
import { rankingPage } from "../store/rankings";

export const rankings = createRouter<AppEnv>();

rankings.openapi(
  createRoute({
    method: "get",
    path: "/v1/rankings",
    summary: "Weekly or monthly rankings (排名) of workers, grids, townships or departments the caller may read",
    request: { query: RankingQuery },
    responses: {
      200: {
        description: "ranking rows with each score's components",
        content: { "application/json": { schema: pageOf(RankingRow) } },
      },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    await assertDivision(c, "query.divisionCode", q.divisionCode, "assessment:read");
    const scopes = rankingScopes(authorizeEver(c, "assessment:read"), q.kind);
    return c.json(await rankingPage(dbOf(c.env.DB), scopes, q), 200);
  },
);
