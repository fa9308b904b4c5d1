import { createRoute } from "@hono/zod-openapi";
import { IssuedSecret, PageQuery, pageOf, PlatformAuditEntry, RotateSecret } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, etagOf, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { newSecret } from "../platforms/secrets";
import { administeredPlatform } from "./access";
import { editablePlatform, Params, refusals } from "./platforms";

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
    responses: { 201: { description: "the new secret, shown this once", content: { "application/json": { schema: IssuedSecret } } }, ...refusals },
  }),
  async (c) => {
    const platform = await editablePlatform(c, c.req.valid("param").id);
    const { graceHours } = c.req.valid("json");
    const now = new Date();
    const at = now.toISOString();
    const until = new Date(now.getTime() + graceHours * HOUR_MS).toISOString();
    const secret = newSecret();
    const db = c.env.DB;
    // Every statement after the version bump runs only if this request made it (same version, same stamp).
    const mine = "EXISTS (SELECT 1 FROM platforms WHERE id = ?1 AND version = ?2 AND updated_at = ?3)";
    const [bumped] = await db.batch<{ id: string }>([
      db.prepare(
        `UPDATE platforms SET version = version + 1, updated_at = ?3,
           setting_secrets_until = CASE WHEN setting_secrets_until IS NULL OR setting_secrets_until > ?4 THEN ?4 ELSE setting_secrets_until END
         WHERE id = ?1 AND version = ?2 - 1 RETURNING id`,
      ).bind(platform.id, platform.version + 1, at, until),
      db.prepare(`UPDATE platform_secrets SET expires_at = ?4 WHERE platform = ?1 AND (expires_at IS NULL OR expires_at > ?4) AND ${mine}`)
        .bind(platform.id, platform.version + 1, at, until),
      db.prepare(`INSERT INTO platform_secrets (platform, secret, created_at) SELECT ?1, ?4, ?3 WHERE ${mine}`)
        .bind(platform.id, platform.version + 1, at, secret),
      db.prepare(`INSERT INTO platform_audit (platform, actor, action, changes, at) SELECT ?1, ?4, 'secret_rotated', ?5, ?3 WHERE ${mine}`)
        .bind(platform.id, platform.version + 1, at, principalOf(c).sub, JSON.stringify({ previousValidUntil: until, graceHours })),
    ]);
    if ((bumped?.results.length ?? 0) === 0) throw new AppError("precondition_failed", "the platform changed while this request ran; read it again");
    c.header("etag", etagOf(platform.version + 1));
    c.header("cache-control", "no-store");
    return c.json({ platform: platform.id, secret, createdAt: at, previousValidUntil: until }, 201);
  },
);

interface AuditRow {
  id: number;
  platform: string;
  actor: string;
  action: string;
  changes: string;
  at: string;
}

platformSecrets.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/platforms/{id}/audit",
    summary: "Who changed the platform, when and what (never a secret), newest first",
    request: { params: Params, query: PageQuery },
    responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(PlatformAuditEntry) } } }, ...refusals },
  }),
  async (c) => {
    const platform = await administeredPlatform(c, c.env.DB, c.req.valid("param").id);
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare("SELECT * FROM platform_audit WHERE platform = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3")
      .bind(platform.id, after?.[0] ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .all<AuditRow>();
    const items = results.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> }));
    return c.json(toPage(items, limit, (r) => [r.id]), 200);
  },
);
