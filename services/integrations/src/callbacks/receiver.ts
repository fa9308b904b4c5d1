import { createRoute, z } from "@hono/zod-openapi";
import { PlatformId, Problem, ReceivedCallback } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { administeredPlatform } from "../admin/access";
import type { AppEnv } from "../env";
import { secretsOf } from "../platforms/secrets";
import { verify } from "../webhooks/signature";

/**
 * A stand-in platform endpoint for local development: the demo platform's callback URL points here, it
 * verifies the signature exactly as a platform must, and keeps what arrived so a developer can watch it.
 */
export const receiver = createRouter<AppEnv>();

const Params = z.object({ platform: PlatformId });

receiver.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/receiver/{platform}",
    summary: "Local receiver of callbacks (development): verifies the signature and stores the payload",
    request: { params: Params },
    responses: {
      204: { description: "received and verified" },
      401: { description: "signature not valid", content: { "application/problem+json": { schema: Problem } } },
    },
  }),
  async (c) => {
    const { platform } = c.req.valid("param");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const headers = { id: c.req.header("webhook-id"), timestamp: c.req.header("webhook-timestamp"), signature: c.req.header("webhook-signature") };
    const verdict = await verify(secretsOf(c.env.PLATFORM_SECRETS, platform), headers, bytes);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      body = null;
    }
    await c.env.DB.prepare("INSERT INTO received_callbacks (platform, webhook_id, body, verified, received_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(platform, headers.id ?? "", JSON.stringify(body), verdict.ok ? 1 : 0, new Date().toISOString())
      .run();
    if (!verdict.ok) throw new AppError("unauthorized", `callback refused: ${verdict.reason.replaceAll("_", " ")}`);
    return c.body(null, 204);
  },
);

receiver.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/receiver/{platform}",
    summary: "What the local receiver got for a platform, newest first (the last 100)",
    request: { params: Params },
    responses: { 200: { description: "received callbacks", content: { "application/json": { schema: z.object({ items: z.array(ReceivedCallback) }) } } } },
  }),
  async (c) => {
    const { platform } = c.req.valid("param");
    await administeredPlatform(c, c.env.DB, platform);
    const { results } = await c.env.DB.prepare("SELECT id, platform, webhook_id, body, verified, received_at FROM received_callbacks WHERE platform = ?1 ORDER BY id DESC LIMIT 100")
      .bind(platform)
      .all<{ id: number; platform: string; webhook_id: string; body: string; verified: number; received_at: string }>();
    const items = results.map((r) => ({ id: r.id, platform: r.platform, webhookId: r.webhook_id, receivedAt: r.received_at, verified: r.verified === 1, body: JSON.parse(r.body) as unknown }));
    return c.json({ items }, 200);
  },
);
