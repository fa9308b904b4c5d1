import { NewSubscription, PageQuery, Subscription, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { assertSubscribable } from "../references";
import { dbOf } from "../store/db";
import { listSubscriptions, subscribe, unsubscribe } from "../store/subscriptions";
import { body, json } from "./shared";

/** A caller's grid subscriptions: disclosure changes of these grids reach their inbox. */
export const subscriptions = createRouter<AppEnv>();

subscriptions.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/subscriptions",
    summary: "A signed-in user lists the grids they subscribe to",
    request: { query: PageQuery },
    responses: { 200: json(pageOf(Subscription), "the caller's subscriptions") },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const rows = await listSubscriptions(dbOf(c.env.DB), principalOf(c).sub, String(after?.[0] ?? ""), limit + 1);
    return c.json(
      toPage(rows, limit, (r) => [r.gridCode]),
      200,
    );
  },
);

subscriptions.openapi(
  createRoute({
    method: "post",
    path: "/v1/notifications/subscriptions",
    summary: "A user subscribes to a grid's disclosure (公示) news: a resident any active grid, staff their own",
    request: body(NewSubscription),
    responses: { 201: json(Subscription, "subscribed (again: the first subscription stands)") },
  }),
  async (c) => {
    const principal = principalOf(c);
    const { gridCode } = c.req.valid("json");
    await assertSubscribable(c, principal, "body.gridCode", gridCode);
    const row = await subscribe(dbOf(c.env.DB), principal.sub, gridCode, new Date().toISOString());
    return c.json(row, 201);
  },
);

subscriptions.openapi(
  createRoute({
    method: "delete",
    path: "/v1/notifications/subscriptions/{gridCode}",
    summary: "A signed-in user unsubscribes from a grid",
    request: { params: z.object({ gridCode: NewSubscription.shape.gridCode }) },
    responses: { 204: { description: "unsubscribed" } },
  }),
  async (c) => {
    const removed = await unsubscribe(dbOf(c.env.DB), principalOf(c).sub, c.req.valid("param").gridCode);
    if (!removed) throw new AppError("not_found", "you do not subscribe to this grid");
    return c.body(null, 204);
  },
);
