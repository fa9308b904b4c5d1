import {
  NotificationDelivery,
  NotificationDeliveryDetail,
  NotificationDeliveryListQuery,
  pageOf,
} from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { dbOf, type Db } from "../store/db";
import { attemptLog, deliveryView, listDeliveries, redrive } from "../store/deliveries";
import { assertOperatorOf, operatorPrefix } from "./guards";
import { json } from "./shared";

export const deliveries = createRouter<AppEnv>();
const Id = z.object({ id: z.string().regex(/^dlv_[0-9a-f]{32}$/, "must be a delivery id") });

async function load(db: Db, id: string) {
  const row = await deliveryView(db, id);
  if (!row) throw new AppError("not_found", `no delivery ${id}`);
  return row;
}

deliveries.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/deliveries",
    summary: "Agency staff read the delivery log of their jurisdiction, newest first, by status or event",
    request: { query: NotificationDeliveryListQuery },
    responses: {
      200: json(pageOf(NotificationDelivery), "the delivery log of the caller's jurisdiction, newest first"),
    },
  }),
  async (c) => {
    const prefix = await operatorPrefix(c);
    const { limit, cursor, status, eventId } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const rows = await listDeliveries(dbOf(c.env.DB), { prefix, status, eventId }, after, limit + 1);
    return c.json(
      toPage(rows, limit, (d) => [d.createdAt, d.id]),
      200,
    );
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
    const db = dbOf(c.env.DB);
    const row = await load(db, c.req.valid("param").id);
    assertOperatorOf(c, row.divisionCode, "delivery");
    return c.json({ ...row, attemptLog: await attemptLog(db, row.id) }, 200);
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
    const db = dbOf(c.env.DB);
    const row = await load(db, c.req.valid("param").id);
    assertOperatorOf(c, row.divisionCode, "delivery");
    if (row.status !== "dead") {
      throw new AppError("invalid_transition", `only a dead delivery is redriven; this one is ${row.status}`, {
        extra: { currentStatus: row.status },
      });
    }
    // A new drive: as many attempts again as the first one had.
    const updated = await redrive(db, row.id, new Date().toISOString());
    if (!updated) throw new AppError("conflict", "the delivery changed while redriving it; read it again");
    await c.env.DELIVERY.send({ deliveryId: row.id });
    return c.json(updated, 200);
  },
);
