import { createRoute } from "@hono/zod-openapi";
import { DisputeFiguresAnswer, DisputeFiguresQuery } from "@civicgrid/contracts";
import { createRouter, listScope } from "@civicgrid/http";
import { periodRange } from "../domain/periods";
import type { AppEnv } from "../env";
import { assessmentScopes } from "../references";
import { factsInScopes } from "../store/shards";
import { disputeFiguresBy, disputeScopeWhere, disputeTotal } from "../store/dispute-figures";

export const disputes = createRouter<AppEnv>();

disputes.openapi(
  createRoute({
    method: "get",
    path: "/v1/assessments/disputes",
    summary: "Dispute figures (矛盾纠纷排查化解) of a month per grid, village, township, county or mediator",
    request: { query: DisputeFiguresQuery },
    responses: {
      200: {
        description: "the month's figures over the cases the caller may read, in total and per subject",
        content: { "application/json": { schema: DisputeFiguresAnswer } },
      },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    // The cases' places decide what is read: a mediator's row counts only the cases in the caller's jurisdiction.
    const { scope } = await listScope(c, "assessment:read", q.division, {
      field: "query.division",
      byGrid: true,
      resolve: assessmentScopes(c.env),
    });
    // The shards of the counties the scope reaches (every county's for the city or a mediator's own rows).
    const shards = factsInScopes(c.env, [scope]);
    const range = periodRange(q.period);
    const where = disputeScopeWhere(scope);
    const [total, items] = await Promise.all([
      disputeTotal(shards, range, where),
      disputeFiguresBy(shards, q.by, range, where),
    ]);
    return c.json({ period: q.period, division: q.division ?? null, by: q.by, total, items }, 200);
  },
);
