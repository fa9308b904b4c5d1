import { createRoute } from "@hono/zod-openapi";
import { PageQuery, pageOf, Supervision } from "@civicgrid/contracts";
import { authorizeEver, createRouter, decodeCursor, mergedPage, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { shardsFor } from "../read-models";
import { supervisionsPage } from "../store/supervisions";

/** 督办 records: an agency sees those in its subtree, a department those against itself. */
export const supervisionRoutes = createRouter<AppEnv>().openapi(
  createRoute({
    method: "get",
    path: "/v1/supervisions",
    summary: "Supervision records of late cases",
    request: { query: PageQuery },
    responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(Supervision) } } } },
  }),
  async (c) => {
    const principal = authorizeEver(c, "supervision:read");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const items = await mergedPage(
      shardsFor(c.env, principal),
      (shard) => supervisionsPage(c.var.shards.db(shard), principal, limit, after),
      (s) => [s.createdAt, s.id],
      "desc",
      limit + 1,
    );
    return c.json(
      toPage(items, limit, (s) => [s.createdAt, s.id]),
      200,
    );
  },
);
