import { createRoute, z } from "@hono/zod-openapi";
import { PlatformId, Problem, ReceivedCallback } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { administeredPlatform } from "../admin/access";
import type { AppEnv } from "../env";
import { activeSecrets } from "../platforms/secrets";
import { findPlatform } from "../platforms/store";
import { verify } from "../webhooks/signature";

/**
 * A stand-in platform endpoint for local development: the demo platform's callback URL points here, it
 * verifies the signature exactly as a platform must, and keeps what arrived (the three Standard Webhooks
 * headers and the raw body) so that anyone can check a callback again with any library.
 */
export const receiver = createRouter<AppEnv>();

const Params = z.object({ platform: PlatformId });

receiver.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/receiver/{platform}",
    summary: "Local receiver of callbacks (development): verifies the signature and stores the payload",
    security: [],
    request: { params: Params },
    responses: {
      204: { description: "received and verified" },
      401: { description: "signature not valid", content: { "application/problem+json": { schema: Problem } } },
    },
  }),
  async (c) => {
    const { platform } = c.req.valid("param");
    const raw = await c.req.text();
    const headers = { id: c.req.header("webhook-id"), timestamp: c.req.header("webhook-timestamp"), signature: c.req.header("webhook-signature") };
    const known = await findPlatform(c.env.DB, platform);
    const secrets = known ? (await activeSecrets(c.env, known)).map((s) => s.value) : [];
    const verdict = await verify(secrets, headers, new TextEncoder().encode(raw));
    await c.env.DB.prepare(
      `INSERT INTO received_callbacks (platform, webhook_id, webhook_timestamp, webhook_signature, raw_body, body, verified, received_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
      .bind(platform, headers.id ?? "", headers.timestamp ?? "", headers.signature ?? "", raw, JSON.stringify(parsedOrNull(raw)), verdict.ok ? 1 : 0, new Date().toISOString())
      .run();
    if (!verdict.ok) throw new AppError("unauthorized", `callback refused: ${verdict.reason.replaceAll("_", " ")}`);
    return c.body(null, 204);
  },
);

function parsedOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

interface ReceivedRow {
  id: number;
  platform: string;
  webhook_id: string;
  webhook_timestamp: string;
  webhook_signature: string;
  raw_body: string;
  body: string;
  verified: number;
  received_at: string;
}

receiver.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/receiver/{platform}",
    summary: "What the local receiver got for a platform, newest first (the last 100), with the headers and raw body as received",
    request: { params: Params },
    responses: {
      200: { description: "received callbacks", content: { "application/json": { schema: z.object({ items: z.array(ReceivedCallback) }) } } },
      403: { description: "not an administrator of this platform", content: { "application/problem+json": { schema: Problem } } },
      404: { description: "no such platform", content: { "application/problem+json": { schema: Problem } } },
    },
  }),
  async (c) => {
    const { platform } = c.req.valid("param");
    await administeredPlatform(c, c.env.DB, platform);
    const { results } = await c.env.DB.prepare("SELECT * FROM received_callbacks WHERE platform = ?1 ORDER BY id DESC LIMIT 100").bind(platform).all<ReceivedRow>();
    const items = results.map((r) => ({
      id: r.id, platform: r.platform, webhookId: r.webhook_id, receivedAt: r.received_at, verified: r.verified === 1,
      body: JSON.parse(r.body) as unknown, rawBody: r.raw_body,
      headers: { "webhook-id": r.webhook_id, "webhook-timestamp": r.webhook_timestamp, "webhook-signature": r.webhook_signature },
    }));
    return c.json({ items }, 200);
  },
);
