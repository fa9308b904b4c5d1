import { createRoute } from "@hono/zod-openapi";
import { pageOf, RankingQuery, RankingRow } from "@civicgrid/contracts";
import { authorizeEver, createRouter } from "@civicgrid/http";
import { rankingScopes } from "../access";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { periodRange } from "../domain/periods";
import { dbOf } from "../store/db";
import { disputesOfAreas } from "../store/dispute-figures";
import { indicatorsOf } from "../store/indicator-facts";
import { rankingPage } from "../store/rankings";
import { allFacts, factsUnderAny } from "../store/shards";

export const rankings = createRouter<AppEnv>();

rankings.openapi(
  createRoute({
    method: "get",
    path: "/v1/rankings",
    summary: "Weekly or monthly rankings (排名) of workers, grids, townships or departments the caller may read",
    description:
      "Grid and township rows carry the period's dispute figures (`disputes`); grid, township and department rows " +
      "its 三率 and standard indicators (`indicators`), shown beside the score.",
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
    const page = await rankingPage(dbOf(c.env.DB), scopes, q);
    if (q.kind === "worker") return c.json(page, 200);
    const subjects = page.items.map((r) => r.subjectId);
    // A grid's or a township's figures are in its county's shard; a department's in every county's.
    const shards = q.kind === "department" ? allFacts(c.env) : factsUnderAny(c.env, subjects);
    // 三率 and the standard indicators of the same period as counted now, beside the stored score.
    const indicators = await indicatorsOf(shards, q.kind, periodRange(q.period), subjects);
    const items = page.items.map((r) => ({ ...r, indicators: indicators.get(r.subjectId) }));
    if (q.kind === "department") return c.json({ ...page, items }, 200);
    // Dispute work (Jiangmen 第十一条(四)) of the same period as counted now, beside the stored score.
    const figures = await disputesOfAreas(shards, q.kind, periodRange(q.period), subjects);
    return c.json({ ...page, items: items.map((r) => ({ ...r, disputes: figures.get(r.subjectId) })) }, 200);
  },
);
