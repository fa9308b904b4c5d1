import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";
import { sha256Hex } from "./hash";
import { principalOf } from "./principal";

/**
 * Idempotency-Key for every command (POST/PUT/PATCH/DELETE) over a D1 table that each service's first
 * migration creates (`idempotency_keys`). The first request claims the key; a repeat with the same body
 * replays the stored answer; a repeat with another body is refused (422); a repeat while the first is
 * still running is refused (409). A claim whose request failed with 5xx is released so it can be retried;
 * a claim left by a crashed request is taken over after `staleMs`.
 */
const COMMANDS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function idempotency(db: (env: unknown) => D1Database, options: { staleMs?: number } = {}): MiddlewareHandler {
  const staleMs = options.staleMs ?? 5 * 60_000;
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (!key || !COMMANDS.has(c.req.method)) return next();
    if (!KEY.test(key)) throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
    const principal = c.get("principal" as never) ? principalOf(c).sub : "anonymous";
    const scope = `${principal} ${c.req.method} ${new URL(c.req.url).pathname}`;
    const bodyHash = await sha256Hex(await c.req.text());
    const d1 = db(c.env);
    const now = Date.now();

    const claimed = await d1
      .prepare(
        `INSERT INTO idempotency_keys (scope, key, body_hash, state, created_at) VALUES (?1, ?2, ?3, 'in_flight', ?4)
         ON CONFLICT (scope, key) DO UPDATE SET body_hash = excluded.body_hash, created_at = excluded.created_at
         WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.created_at < ?5 AND idempotency_keys.body_hash = excluded.body_hash`,
      )
      .bind(scope, key, bodyHash, now, now - staleMs)
      .run();

    if (claimed.meta.changes === 0) {
      const row = await d1
        .prepare("SELECT body_hash, state, status, headers, body FROM idempotency_keys WHERE scope = ?1 AND key = ?2")
        .bind(scope, key)
        .first<{ body_hash: string; state: string; status: number | null; headers: string | null; body: string | null }>();
      if (!row) throw new AppError("conflict", "the Idempotency-Key was released while this request ran; retry");
      if (row.body_hash !== bodyHash) {
        throw new AppError("idempotency_key_reused", "this Idempotency-Key was used with a different body", {
          errors: [{ field: "header.idempotency-key", message: "already used with another request body" }],
        });
      }
      if (row.state === "in_flight") throw new AppError("idempotency_in_flight", "the first request with this key is still running; retry later", { headers: { "retry-after": "1" } });
      const headers = new Headers(JSON.parse(row.headers ?? "{}") as Record<string, string>);
      headers.set("idempotent-replayed", "true");
      return new Response(row.body, { status: row.status ?? 200, headers });
    }

    await next();
    const res = c.res;
    if (res.status >= 500 || c.error) {
      await d1.prepare("DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2").bind(scope, key).run();
      return;
    }
    const body = await res.clone().text();
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "etag", "location"]) {
      const value = res.headers.get(name);
      if (value) headers[name] = value;
    }
    await d1
      .prepare("UPDATE idempotency_keys SET state = 'done', status = ?3, headers = ?4, body = ?5 WHERE scope = ?1 AND key = ?2")
      .bind(scope, key, res.status, JSON.stringify(headers), body)
      .run();
  };
}
