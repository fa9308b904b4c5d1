import { createRoute, z } from "@hono/zod-openapi";
import { PlatformId, Problem, WebhookAnswer } from "@civicgrid/contracts";
import { AppError, createRouter, log } from "@civicgrid/http";
import { verify } from "../domain/signature";
import type { AppEnv } from "../env";
import { claimInbound, processInbound, type StoredAnswer } from "../inbound";
import { activeSecrets } from "../secrets";
import { findPlatform } from "../store/platforms";

export const webhooks = createRouter<AppEnv>();

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

const route = createRoute({
  method: "post",
  path: "/webhooks/{platform}",
  summary:
    "A provincial platform's signed event (Standard Webhooks v1): work order created, updated, cancelled, status query",
  request: {
    params: z.object({ platform: PlatformId }),
    headers: z.object({
      "webhook-id": z.string().optional(),
      "webhook-timestamp": z.string().optional(),
      "webhook-signature": z.string().optional(),
    }),
  },
  responses: {
    200: {
      description: "handled (or the stored answer to a repeated webhook-id)",
      content: { "application/json": { schema: WebhookAnswer } },
    },
    201: { description: "a new case was opened", content: { "application/json": { schema: WebhookAnswer } } },
    400: problem("missing headers, a body that is not valid, or an unknown event type"),
    401: problem("no valid signature, or a timestamp outside the tolerance"),
    404: problem("no such platform, or an unknown order"),
    409: problem("the same webhook-id is being processed, or was sent with another body"),
    422: problem("an unmapped category or division code"),
    502: problem("the case service failed; the payload is kept and can be redelivered or replayed"),
  },
});

const answer = (a: StoredAnswer, replayed = false) =>
  new Response(JSON.stringify(a.body), {
    status: a.status,
    headers: { "content-type": a.contentType, ...(replayed ? { "idempotent-replayed": "true" } : {}) },
  });

webhooks.openapi(route, async (c) => {
  const { platform: platformId } = c.req.valid("param");
  const headers = {
    id: c.req.header("webhook-id"),
    timestamp: c.req.header("webhook-timestamp"),
    signature: c.req.header("webhook-signature"),
  };
  const missing = (["id", "timestamp", "signature"] as const).filter((k) => !headers[k]);
  if (missing.length > 0) {
    throw new AppError("bad_request", `missing ${missing.map((k) => `webhook-${k}`).join(", ")}`, {
      errors: missing.map((k) => ({ field: `header.webhook-${k}`, message: "required" })),
    });
  }
  const platform = await findPlatform(c.env.DB, platformId);
  if (!platform?.active) throw new AppError("not_found", `no active platform ${platformId}`);
  // The signature is over the body as received, so it is read raw (as UTF-8 text) and never re-serialised; the
  // text verified is the text stored and processed.
  const raw = await c.req.text();
  const verdict = verify(
    (await activeSecrets(c.env, platform)).map((s) => s.value),
    headers,
    raw,
  );
  if (!verdict.ok) {
    log("warn", "webhook refused", { service: "integrations", platform: platform.id, reason: verdict.reason });
    throw new AppError("unauthorized", `webhook refused: ${verdict.reason.replaceAll("_", " ")}`, {
      extra: { reason: verdict.reason },
    });
  }
  const webhookId = headers.id ?? "";
  const claim = await claimInbound(c.env.DB, platform.id, webhookId, raw);
  // Stored answers are replayed byte for byte, so they are raw Responses rather than typed JSON.
  if (claim.kind === "replay") return answer(claim.answer, true) as never;
  if (claim.kind === "in_flight")
    throw new AppError("idempotency_in_flight", "this webhook-id is still being processed", {
      headers: { "retry-after": "1" },
    });
  if (claim.kind === "body_differs")
    throw new AppError("conflict", "this webhook-id was already sent with another body", {
      errors: [{ field: "header.webhook-id", message: "reused with another body" }],
    });
  return answer(await processInbound(c.env, platform, claim.id, webhookId, raw, new URL(c.req.url).pathname)) as never;
});
