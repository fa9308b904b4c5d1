import { createRoute, z } from "@hono/zod-openapi";
import { InboundStatus, InboundView, PageQuery, pageOf, PlatformId, Problem } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { processInbound } from "../webhooks/inbound";
import { administeredPlatform, administeredPlatforms } from "./access";

export const admin = createRouter<AppEnv>();

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });

interface Row {
  id: number;
  platform: string;
  webhook_id: string;
  event_type: string | null;
  status: InboundView["status"];
  error: string | null;
  case_id: string | null;
  attempts: number;
  received_at: string;
  processed_at: string | null;
  raw_body: string;
}
const view = (r: Row): InboundView => ({
  id: r.id, platform: r.platform, webhookId: r.webhook_id, type: r.event_type, status: r.status, error: r.error,
  caseId: r.case_id, attempts: r.attempts, receivedAt: r.received_at, processedAt: r.processed_at,
});

admin.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/inbound",
    summary: "Payloads received from the platforms you administer, with their processing status, newest first",
    request: { query: PageQuery.extend({ platform: PlatformId.optional(), status: InboundStatus.optional() }) },
    responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(InboundView) } } }, 403: problem("not an integration administrator") },
  }),
  async (c) => {
    const { limit, cursor, platform, status } = c.req.valid("query");
    const platforms = (await administeredPlatforms(principalOf(c), c.env.DB)).map((p) => p.id).filter((id) => !platform || id === platform);
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare(
      `SELECT * FROM inbound_webhooks WHERE platform IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR status = ?2) AND id < ?3 ORDER BY id DESC LIMIT ?4`,
    )
      .bind(JSON.stringify(platforms), status ?? null, after?.[0] ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .all<Row>();
    return c.json(toPage(results.map(view), limit, (r) => [r.id]), 200);
  },
);

admin.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/inbound/{id}/replay",
    summary: "Processes a stored payload again, from its raw body (after a failure, or after its mapping was added)",
    request: { params: z.object({ id: z.coerce.number().int().positive() }) },
    responses: {
      200: { description: "processed again; the answer the platform would get now", content: { "application/json": { schema: InboundView } } },
      409: problem("already processed, or being processed"),
      403: problem("outside your jurisdiction"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const row = await c.env.DB.prepare("SELECT * FROM inbound_webhooks WHERE id = ?1").bind(id).first<Row>();
    if (!row) throw new AppError("not_found", `no inbound payload ${id}`);
    const platform = await administeredPlatform(c, c.env.DB, row.platform);
    const claimed = await c.env.DB.prepare(
      "UPDATE inbound_webhooks SET status = 'processing', attempts = attempts + 1 WHERE id = ?1 AND status IN ('failed', 'rejected', 'refused') RETURNING id",
    )
      .bind(id)
      .first<{ id: number }>();
    if (!claimed) throw new AppError("invalid_transition", `payload ${id} is ${row.status}; only failed, rejected or refused payloads are replayed`);
    await processInbound(c.env, platform, id, row.webhook_id, row.raw_body, new URL(c.req.url).pathname);
    const after = await c.env.DB.prepare("SELECT * FROM inbound_webhooks WHERE id = ?1").bind(id).first<Row>();
    return c.json(view(after ?? row), 200);
  },
);
