import { Preferences, PreferencesQuery, PreferencesUpdate, type Principal } from "@civicgrid/contracts";
import { createRoute } from "@hono/zod-openapi";
import { AppError, assertVersion, createRouter, etagOf, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { body, json } from "./shared";

/**
 * Quiet hours and digests, per owner: a person's own (`user:<sub>`), or, for department staff, their
 * department's duty line (`dept:<id>`), which is where a department's SMS go.
 */
function ownerKey(principal: Principal, owner: "self" | "department"): string {
  if (owner === "self") return `user:${principal.sub}`;
  if (!principal.roles.includes("department") || !principal.departmentId) {
    throw new AppError("forbidden", "only department staff set their department's duty-line preferences");
  }
  return `dept:${principal.departmentId}`;
}

type Row = { owner_key: string; quiet_start: string | null; quiet_end: string | null; digest: number; version: number };

async function read(db: D1Database, key: string): Promise<Preferences> {
  const row = await db.prepare("SELECT * FROM preferences WHERE owner_key = ?1").bind(key).first<Row>();
  if (!row) return { ownerKey: key, quietStart: null, quietEnd: null, digest: false, version: 0 };
  return { ownerKey: key, quietStart: row.quiet_start, quietEnd: row.quiet_end, digest: row.digest === 1, version: row.version };
}

export const preferences = createRouter<AppEnv>();

preferences.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/preferences",
    summary: "A user reads their quiet hours and digest setting, or department staff their department duty line's",
    request: { query: PreferencesQuery },
    responses: { 200: json(Preferences, "the preferences (version 0: never set)") },
  }),
  async (c) => {
    const current = await read(c.env.DB, ownerKey(principalOf(c), c.req.valid("query").owner));
    c.header("etag", etagOf(current.version));
    return c.json(current, 200);
  },
);

preferences.openapi(
  createRoute({
    method: "put",
    path: "/v1/notifications/preferences",
    summary: "A user sets their quiet hours and digest, or department staff their department duty line's",
    request: { query: PreferencesQuery, ...body(PreferencesUpdate) },
    responses: { 200: json(Preferences, "the preferences, updated") },
  }),
  async (c) => {
    const key = ownerKey(principalOf(c), c.req.valid("query").owner);
    const current = await read(c.env.DB, key);
    assertVersion(c, current.version);
    const next = c.req.valid("json");
    const written = await c.env.DB.prepare(
      `INSERT INTO preferences (owner_key, quiet_start, quiet_end, digest, version, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?6)
       ON CONFLICT (owner_key) DO UPDATE SET quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, digest = excluded.digest,
         version = preferences.version + 1, updated_at = excluded.updated_at
       WHERE preferences.version = ?5`,
    )
      .bind(key, next.quietStart, next.quietEnd, next.digest ? 1 : 0, current.version, new Date().toISOString())
      .run();
    if (written.meta.changes === 0) throw new AppError("precondition_failed", "the preferences changed while you were updating them; read them again");
    const saved = await read(c.env.DB, key);
    c.header("etag", etagOf(saved.version));
    return c.json(saved, 200);
  },
);
