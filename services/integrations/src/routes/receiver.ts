import { createRoute, z } from "@hono/zod-openapi";
import { PlatformId, Problem, ReceivedCallback } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { administeredPlatform } from "../access";
import { verify } from "../domain/signature";
import type { AppEnv } from "../env";
import { activeSecrets } from "../secrets";
import { findPlatform } from "../store/platforms";
import { receivedOf, saveReceived } from "../store/received";

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
    const headers = {
      id: c.req.header("webhook-id"),
      timestamp: c.req.header("webhook-timestamp"),
      signature: c.req.header("webhook-signature"),
    };
    const known = await findPlatform(c.env.DB, platform);
    const secrets = known ? (await activeSecrets(c.env, known)).map((s) => s.value) : [];
    const verdict = verify(secrets, headers, raw);
    await saveReceived(c.env.DB, {
      platform,
      webhookId: headers.id ?? "",
      webhookTimestamp: headers.timestamp ?? "",
      webhookSignature: headers.signature ?? "",
      rawBody: raw,
      body: parsedOrNull(raw),
      verified: verdict.ok,
    });
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

receiver.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/receiver/{platform}",
    summary:
      "What the local receiver got for a platform, newest first (the last 100), with the headers and raw body as received",
    request: { params: Params },
    responses: {
      200: {
        description: "received callbacks",
        content: { "application/json": { schema: z.object({ items: z.array(ReceivedCallback) }) } },
      },
      403: {
        description: "not an administrator of this platform",
        content: { "application/problem+json": { schema: Problem } },
      },
      404: { description: "no such platform", content: { "application/problem+json": { schema: Problem } } },
    },
  }),
  async (c) => {
    const { platform } = c.req.valid("param");
    await administeredPlatform(c, c.env.DB, platform);
    const items = (await receivedOf(c.env.DB, platform)).map((r) => ({
      id: r.id,
      platform: r.platform,
      webhookId: r.webhookId,
      receivedAt: r.receivedAt,
      verified: r.verified,
      body: r.body,
      rawBody: r.rawBody,
      headers: {
        "webhook-id": r.webhookId,
        "webhook-timestamp": r.webhookTimestamp,
        "webhook-signature": r.webhookSignature,
      },
    }));
    return c.json({ items }, 200);
  },
);
