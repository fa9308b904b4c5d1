import { createRoute, z } from "@hono/zod-openapi";
import { InboundStatus, InboundView, PageQuery, pageOf, PlatformId, Problem } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import { administeredIds, administeredPlatform } from "../access";
import type { AppEnv } from "../env";
import { processInbound } from "../inbound";
import { claimForReplay, inboundById, inboundPage, type InboundRow } from "../store/inbound";

export const inboundRoutes = createRouter<AppEnv>();

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

const view = (r: InboundRow): InboundView => ({
  id: r.id,
  platform: r.platform,
  webhookId: r.webhookId,
  type: r.eventType,
  status: r.status,
  error: r.error,
  caseId: r.caseId,
  attempts: r.attempts,
  receivedAt: r.receivedAt,
  processedAt: r.processedAt,
});

inboundRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/inbound",
    summary: "Payloads received from the platforms you administer, with their processing status, newest first",
    request: { query: PageQuery.extend({ platform: PlatformId.optional(), status: InboundStatus.optional() }) },
    responses: {
      200: { description: "a page", content: { "application/json": { schema: pageOf(InboundView) } } },
      403: problem("not an integration administrator"),
    },
  }),
  async (c) => {
    const { limit, cursor, platform, status } = c.req.valid("query");
    const platforms = await administeredIds(c, c.env.DB, platform);
    const rows = await inboundPage(c.env.DB, platforms, status, decodeCursor(cursor, 1)?.[0], limit + 1);
    return c.json(
      toPage(rows.map(view), limit, (r) => [r.id]),
      200,
    );
  },
);

inboundRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/inbound/{id}/replay",
    summary: "Processes a stored payload again, from its raw body (after a failure, or after its mapping was added)",
    request: { params: z.object({ id: z.coerce.number().int().positive() }) },
    responses: {
      200: {
        description: "processed again; the answer the platform would get now",
        content: { "application/json": { schema: InboundView } },
      },
      409: problem("already processed, or being processed"),
      403: problem("outside your jurisdiction"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const row = await inboundById(c.env.DB, id);
    if (!row) throw new AppError("not_found", `no inbound payload ${id}`);
    const platform = await administeredPlatform(c, c.env.DB, row.platform);
    if (!(await claimForReplay(c.env.DB, id)))
      throw new AppError(
        "invalid_transition",
        `payload ${id} is ${row.status}; only failed, rejected or refused payloads are replayed`,
      );
    await processInbound(c.env, platform, id, row.webhookId, row.rawBody, new URL(c.req.url).pathname);
    const after = await inboundById(c.env.DB, id);
    return c.json(view(after ?? row), 200);
  },
);
