import { NewSubscription, PageQuery, Subscription, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { assertSubscribable } from "../references";
import { body, json } from "./shared";

/** A caller's grid subscriptions: disclosure changes of these grids reach their inbox. */
export const subscriptions = createRouter<AppEnv>();

type Row = { grid_code: string; created_at: string };
const view = (r: Row) => ({ gridCode: r.grid_code, createdAt: r.created_at });

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
    const { results } = await c.env.DB.prepare("SELECT grid_code, created_at FROM subscriptions WHERE sub = ?1 AND grid_code > ?2 ORDER BY grid_code LIMIT ?3")
      .bind(principalOf(c).sub, after?.[0] ?? "", limit + 1)
      .all<Row>();
    const page = toPage(results, limit, (r) => [r.grid_code]);
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
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
    const sub = principal.sub;
    const row = await c.env.DB.prepare(
      "INSERT INTO subscriptions (sub, grid_code, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (sub, grid_code) DO UPDATE SET sub = sub RETURNING grid_code, created_at",
    )
      .bind(sub, gridCode, new Date().toISOString())
      .first<Row>();
    return c.json(view(row!), 201);
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
    const result = await c.env.DB.prepare("DELETE FROM subscriptions WHERE sub = ?1 AND grid_code = ?2").bind(principalOf(c).sub, c.req.valid("param").gridCode).run();
    if (result.meta.changes === 0) throw new AppError("not_found", "you do not subscribe to this grid");
    return c.body(null, 204);
  },
);
