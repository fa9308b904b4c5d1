import { createRoute } from "@hono/zod-openapi";
import { IssuedSecret, PageQuery, pageOf, PlatformAuditEntry, RotateSecret } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, etagOf, principalOf, toPage } from "@civicgrid/http";
import { administeredPlatform, editablePlatform } from "../access";
import type { AppEnv } from "../env";
import { newSecret } from "../secrets";
import { auditPage, rotateSecret } from "../store/platforms";
import { Params, refusals } from "./platforms";

/**
 * Secret rotation and the audit log of a platform. A rotation issues a new secret, shown once in the answer,
 * and keeps every older one verifying (and signing) until the grace period ends, so the platform can switch
 * without losing a message; a grace of 0 retires them at once (a leaked secret).
 */
export const platformSecrets = createRouter<AppEnv>();

const HOUR_MS = 3_600_000;

platformSecrets.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/platforms/{id}/secrets/rotate",
    summary: "Issue a new signing secret (shown once); older secrets stay valid for the grace period (If-Match)",
    request: { params: Params, body: { required: true, content: { "application/json": { schema: RotateSecret } } } },
    responses: {
      201: {
        description: "the new secret, shown this once",
        content: { "application/json": { schema: IssuedSecret } },
      },
      ...refusals,
    },
  }),
  async (c) => {
    const platform = await editablePlatform(c, c.env.DB, c.req.valid("param").id);
    const { graceHours } = c.req.valid("json");
    const now = new Date();
    const at = now.toISOString();
    const until = new Date(now.getTime() + graceHours * HOUR_MS).toISOString();
    const secret = newSecret();
    const entry = {
      platform: platform.id,
      actor: principalOf(c).sub,
      action: "secret_rotated" as const,
      changes: { previousValidUntil: until, graceHours },
    };
    if (!(await rotateSecret(c.env.DB, platform, { secret, at, until, entry }))) {
      throw new AppError("precondition_failed", "the platform changed while this request ran; read it again");
    }
    c.header("etag", etagOf(platform.version + 1));
    c.header("cache-control", "no-store");
    return c.json({ platform: platform.id, secret, createdAt: at, previousValidUntil: until }, 201);
  },
);

platformSecrets.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/platforms/{id}/audit",
    summary: "Who changed the platform, when and what (never a secret), newest first",
    request: { params: Params, query: PageQuery },
    responses: {
      200: { description: "a page", content: { "application/json": { schema: pageOf(PlatformAuditEntry) } } },
      ...refusals,
    },
  }),
  async (c) => {
    const platform = await administeredPlatform(c, c.env.DB, c.req.valid("param").id);
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const items = await auditPage(c.env.DB, platform.id, after?.[0], limit + 1);
    return c.json(
      toPage(items, limit, (r) => [r.id]),
      200,
    );
  },
);
