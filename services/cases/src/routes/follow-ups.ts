import { createRoute } from "@hono/zod-openapi";
import { FollowUpItem, FollowUpQuery, pageOf } from "@civicgrid/contracts";
import { authorizeEver, createRouter, decodeCursor, mergedPage, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { shardsFor } from "../read-models";
import { followUpPage } from "../store/follow-ups";

/** The follow-up (回访) worklist: closed cases awaiting follow-up in the agency's subtree, soonest due first. */
export const followUpRoutes = createRouter<AppEnv>().openapi(
  createRoute({
    method: "get",
    path: "/v1/follow-ups",
    summary: "Closed cases awaiting follow-up (回访), soonest due first",
    request: { query: FollowUpQuery },
    responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(FollowUpItem) } } } },
  }),
  async (c) => {
    const principal = authorizeEver(c, "case:follow-up");
    const query = c.req.valid("query");
    const after = decodeCursor(query.cursor, 2);
    const now = new Date();
    const items = await mergedPage(
      shardsFor(c.env, principal),
      (shard) => followUpPage(c.var.shards.db(shard), principal, query, after, now),
      (s) => [s.dueAt, s.caseId],
      "asc",
      query.limit + 1,
    );
    return c.json(
      toPage(items, query.limit, (s) => [s.dueAt, s.caseId]),
      200,
    );
  },
);
