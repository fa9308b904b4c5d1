import { PageQuery, SmsSinkRecord, pageOf } from "@civicgrid/contracts";
import { createRoute } from "@hono/zod-openapi";
import { createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { operatorPrefix } from "../access";
import type { AppEnv } from "../env";
import { json } from "./shared";

/** What the local SMS sink recorded (dev and tests; empty where a real provider is configured). */
export const smsSink = createRouter<AppEnv>();

type Row = { delivery_id: string; phone: string; text: string; division_code: string; received_at: string };

smsSink.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/sms-sink",
    summary: "Agency staff read the SMS the local sink recorded in their jurisdiction (dev and tests only)",
    request: { query: PageQuery },
    responses: { 200: json(pageOf(SmsSinkRecord), "recorded SMS of the caller's jurisdiction, newest first") },
  }),
  async (c) => {
    const prefix = operatorPrefix(principalOf(c));
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const { results } = await c.env.DB.prepare(
      `SELECT * FROM sms_sink WHERE division_code LIKE ?1 || '%' AND (?2 IS NULL OR received_at < ?2 OR (received_at = ?2 AND delivery_id < ?3))
       ORDER BY received_at DESC, delivery_id DESC LIMIT ?4`,
    )
      .bind(prefix, after?.[0] ?? null, after?.[1] ?? "", limit + 1)
      .all<Row>();
    const page = toPage(results, limit, (r) => [r.received_at, r.delivery_id]);
    const items = page.items.map((r) => ({ deliveryId: r.delivery_id, phone: r.phone, text: r.text, divisionCode: r.division_code, receivedAt: r.received_at }));
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  },
);
