import { createRoute, z } from "@hono/zod-openapi";
import { DeliveryView, PageQuery, pageOf, PlatformId, Problem } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import type { Context } from "hono";
import { administeredIds, administeredPlatform } from "../access";
import type { AppEnv } from "../env";
import { attemptsOf, deliveryPage, listedDelivery, requeue, type ListedDelivery } from "../store/deliveries";

export const deliveriesRoutes = createRouter<AppEnv>();

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

deliveriesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/deliveries",
    summary: "The callback delivery log of the platforms you administer, newest first",
    request: {
      query: PageQuery.extend({
        platform: PlatformId.optional(),
        status: z.enum(["pending", "delivered", "dead"]).optional(),
      }),
    },
    responses: {
      200: { description: "a page", content: { "application/json": { schema: pageOf(DeliveryView) } } },
      403: problem("not an integration administrator"),
    },
  }),
  async (c) => {
    const { limit, cursor, platform, status } = c.req.valid("query");
    const platforms = await administeredIds(c, c.env.DB, platform);
    const rows = await deliveryPage(c.env.DB, platforms, status, decodeCursor(cursor, 2), limit + 1);
    return c.json(
      toPage(rows, limit, (d) => [d.createdAt, d.id]),
      200,
    );
  },
);

async function deliveryFor(c: Context<AppEnv>, id: string): Promise<ListedDelivery> {
  const row = await listedDelivery(c.env.DB, id);
  if (!row) throw new AppError("not_found", `no delivery ${id}`);
  await administeredPlatform(c, c.env.DB, row.platform);
  return row;
}

const IdParam = z.object({ id: z.string().regex(/^msg_[0-9a-f]{26}$/, "a delivery id like msg_…") });

deliveriesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/deliveries/{id}",
    summary: "One delivery with every attempt (time, HTTP status, error, duration)",
    request: { params: IdParam },
    responses: {
      200: { description: "the delivery", content: { "application/json": { schema: DeliveryView } } },
      403: problem("outside your jurisdiction"),
      404: problem("no such delivery"),
    },
  }),
  async (c) => {
    const row = await deliveryFor(c, c.req.valid("param").id);
    return c.json({ ...row, log: await attemptsOf(c.env.DB, row.id) }, 200);
  },
);

deliveriesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/deliveries/{id}/replay",
    summary: "Sends a delivery again (a dead one after the platform is fixed); refused for one already delivered",
    request: { params: IdParam },
    responses: {
      202: { description: "queued again", content: { "application/json": { schema: DeliveryView } } },
      409: problem("already delivered"),
      403: problem("outside your jurisdiction"),
    },
  }),
  async (c) => {
    const row = await deliveryFor(c, c.req.valid("param").id);
    if (row.status === "delivered")
      throw new AppError("invalid_transition", `delivery ${row.id} was delivered at ${row.deliveredAt}`);
    const updated = await requeue(c.env.DB, row.id);
    if (!updated) throw new AppError("conflict", "the delivery changed while replaying; read it again");
    await c.env.CALLBACKS.send({ deliveryId: row.id });
    return c.json(updated, 202);
  },
);
