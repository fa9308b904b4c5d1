import { createRoute, z } from "@hono/zod-openapi";
import { DeliveryView, PageQuery, pageOf, PlatformId, Problem } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { administeredPlatform, administeredPlatforms } from "../admin/access";
import type { AppEnv, Env } from "../env";

export const deliveriesRoutes = createRouter<AppEnv>();

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });

interface Row {
  id: string;
  event_id: string;
  platform: string;
  case_id: string;
  order_id: string;
  status: "pending" | "delivered" | "dead";
  attempts: number;
  created_at: string;
  delivered_at: string | null;
}
const view = (r: Row): DeliveryView => ({
  id: r.id, eventId: r.event_id, platform: r.platform, caseId: r.case_id, orderId: r.order_id, status: r.status,
  attempts: r.attempts, createdAt: r.created_at, deliveredAt: r.delivered_at,
});

const COLUMNS = "id, event_id, platform, case_id, order_id, status, attempts, created_at, delivered_at";

deliveriesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/deliveries",
    summary: "The callback delivery log of the platforms you administer, newest first",
    request: { query: PageQuery.extend({ platform: PlatformId.optional(), status: z.enum(["pending", "delivered", "dead"]).optional() }) },
    responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(DeliveryView) } } }, 403: problem("not an integration administrator") },
  }),
  async (c) => {
    const { limit, cursor, platform, status } = c.req.valid("query");
    const platforms = (await administeredPlatforms(principalOf(c), c.env.DB)).map((p) => p.id).filter((id) => !platform || id === platform);
    const after = decodeCursor(cursor, 2);
    const { results } = await c.env.DB.prepare(
      `SELECT ${COLUMNS} FROM deliveries WHERE platform IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR status = ?2)
       AND (?3 IS NULL OR created_at < ?3 OR (created_at = ?3 AND id < ?4)) ORDER BY created_at DESC, id DESC LIMIT ?5`,
    )
      .bind(JSON.stringify(platforms), status ?? null, after?.[0] ?? null, after?.[1] ?? "", limit + 1)
      .all<Row>();
    return c.json(toPage(results.map(view), limit, (d) => [d.createdAt, d.id]), 200);
  },
);

async function deliveryFor(c: Parameters<typeof principalOf>[0], env: Env, id: string): Promise<Row> {
  const row = await env.DB.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE id = ?1`).bind(id).first<Row>();
  if (!row) throw new AppError("not_found", `no delivery ${id}`);
  await administeredPlatform(c, env.DB, row.platform);
  return row;
}

const IdParam = z.object({ id: z.string().regex(/^msg_[0-9a-f]{26}$/, "a delivery id like msg_…") });

deliveriesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/deliveries/{id}",
    summary: "One delivery with every attempt (time, HTTP status, error, duration)",
    request: { params: IdParam },
    responses: { 200: { description: "the delivery", content: { "application/json": { schema: DeliveryView } } }, 403: problem("outside your jurisdiction"), 404: problem("no such delivery") },
  }),
  async (c) => {
    const row = await deliveryFor(c, c.env, c.req.valid("param").id);
    const { results } = await c.env.DB.prepare("SELECT attempt, at, http_status AS httpStatus, error, ms FROM delivery_attempts WHERE delivery_id = ?1 ORDER BY attempt")
      .bind(row.id)
      .all<{ attempt: number; at: string; httpStatus: number | null; error: string | null; ms: number }>();
    return c.json({ ...view(row), log: results }, 200);
  },
);

deliveriesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/deliveries/{id}/replay",
    summary: "Sends a delivery again (a dead one after the platform is fixed); refused for one already delivered",
    request: { params: IdParam },
    responses: { 202: { description: "queued again", content: { "application/json": { schema: DeliveryView } } }, 409: problem("already delivered"), 403: problem("outside your jurisdiction") },
  }),
  async (c) => {
    const row = await deliveryFor(c, c.env, c.req.valid("param").id);
    if (row.status === "delivered") throw new AppError("invalid_transition", `delivery ${row.id} was delivered at ${row.delivered_at}`);
    const updated = await c.env.DB.prepare(`UPDATE deliveries SET status = 'pending' WHERE id = ?1 AND status != 'delivered' RETURNING ${COLUMNS}`).bind(row.id).first<Row>();
    if (!updated) throw new AppError("conflict", "the delivery changed while replaying; read it again");
    await c.env.CALLBACKS.send({ deliveryId: row.id });
    return c.json(view(updated), 202);
  },
);
