import { NotificationDelivery, NotificationDeliveryDetail, NotificationDeliveryListQuery, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { assertOperatorOf, operatorPrefix } from "../access";
import type { AppEnv } from "../env";
import { deliveryView, type DeliveryRow } from "./delivery-view";
import { json } from "./shared";

export const deliveries = createRouter<AppEnv>();
const Id = z.object({ id: z.string().regex(/^dlv_[0-9a-f]{32}$/, "must be a delivery id") });

async function load(db: D1Database, id: string): Promise<DeliveryRow> {
  const row = await db.prepare("SELECT * FROM deliveries WHERE id = ?1").bind(id).first<DeliveryRow>();
  if (!row) throw new AppError("not_found", `no delivery ${id}`);
  return row;
}

deliveries.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/deliveries",
    summary: "Agency staff read the delivery log of their jurisdiction, newest first, by status or event",
    request: { query: NotificationDeliveryListQuery },
    responses: { 200: json(pageOf(NotificationDelivery), "the delivery log of the caller's jurisdiction, newest first") },
  }),
  async (c) => {
    const prefix = operatorPrefix(principalOf(c));
    const { limit, cursor, status, eventId } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const { results } = await c.env.DB.prepare(
      `SELECT * FROM deliveries WHERE division_code LIKE ?1 || '%' AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR event_id = ?3)
         AND (?4 IS NULL OR created_at < ?4 OR (created_at = ?4 AND id < ?5))
       ORDER BY created_at DESC, id DESC LIMIT ?6`,
    )
      .bind(prefix, status ?? null, eventId ?? null, after?.[0] ?? null, after?.[1] ?? "", limit + 1)
      .all<DeliveryRow>();
    const page = toPage(results, limit, (d) => [d.created_at, d.id]);
    return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
  },
);

deliveries.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/deliveries/{id}",
    summary: "Agency staff read a delivery of their jurisdiction with every attempt",
    request: { params: Id },
    responses: { 200: json(NotificationDeliveryDetail, "a delivery and every attempt") },
  }),
  async (c) => {
    const row = await load(c.env.DB, c.req.valid("param").id);
    assertOperatorOf(principalOf(c), row.division_code, "delivery");
    const { results } = await c.env.DB.prepare("SELECT attempt, status, error, at FROM delivery_attempts WHERE delivery_id = ?1 ORDER BY attempt")
      .bind(row.id)
      .all<{ attempt: number; status: "ok" | "error"; error: string | null; at: string }>();
    return c.json({ ...deliveryView(row), attemptLog: results }, 200);
  },
);

deliveries.openapi(
  createRoute({
    method: "post",
    path: "/v1/notifications/deliveries/{id}/redrive",
    summary: "Agency staff put a dead delivery of their jurisdiction back on the queue for a new round of attempts",
    request: { params: Id },
    responses: { 200: json(NotificationDelivery, "the dead delivery, back on the queue") },
  }),
  async (c) => {
    const row = await load(c.env.DB, c.req.valid("param").id);
    assertOperatorOf(principalOf(c), row.division_code, "delivery");
    if (row.status !== "dead") {
      throw new AppError("invalid_transition", `only a dead delivery is redriven; this one is ${row.status}`, { extra: { currentStatus: row.status } });
    }
    // A new drive: as many attempts again as the first one had.
    const updated = await c.env.DB.prepare("UPDATE deliveries SET status = 'pending', retry_base = attempts, updated_at = ?2 WHERE id = ?1 AND status = 'dead' RETURNING *")
      .bind(row.id, new Date().toISOString())
      .first<DeliveryRow>();
    if (!updated) throw new AppError("conflict", "the delivery changed while redriving it; read it again");
    await c.env.DELIVERY.send({ deliveryId: row.id });
    return c.json(deliveryView(updated), 200);
  },
);
