import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";
import { sha256Hex } from "./hash";
import { log } from "./logging";
import { principalOf } from "./principal";

/**
 * Idempotency-Key for every command (POST/PUT/PATCH/DELETE) over a D1 table that each service's first
 * migration creates (`idempotency_keys`). The first request claims the key; a repeat with the same body
 * replays the stored answer (`idempotent-replayed: true`); a repeat with another body is refused (422).
 *
 * A claim is a lease that dies with its request: it lasts `claimTtlMs` past the request's last sign of
 * life, and a live request renews it every third of that, so only a request that died (a killed isolate,
 * a crash) lets it lapse. While it lives, a repeat gets 409 with `Retry-After` = the seconds until it would
 * lapse; after that, a repeat takes it over (one conditional UPDATE, so of several concurrent retries exactly
 * one wins) and runs the command. A claim whose request failed with 5xx is released at once. `created_at` is
 * the lease's last renewal and its fencing token: a request whose claim was taken over can neither renew it
 * nor record its outcome over the new holder's.
 */
export const DEFAULT_CLAIM_TTL_MS = 30_000; // the wall time we budget one Worker request

const COMMANDS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;
type Stored = {
  body_hash: string;
  state: string;
  status: number | null;
  headers: string | null;
  body: string | null;
  created_at: number;
};
// ?5 = now - lifetime: a claim last renewed at or before it has lapsed, and is taken over.
const CLAIM = `INSERT INTO idempotency_keys (scope, key, body_hash, state, created_at)
  VALUES (?1, ?2, ?3, 'in_flight', ?4) ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at
  WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.created_at <= ?5
    AND idempotency_keys.body_hash = excluded.body_hash`;
const RELEASE = `DELETE FROM idempotency_keys
  WHERE scope = ?1 AND key = ?2 AND state = 'in_flight' AND created_at = ?3`;
const RECORD = `UPDATE idempotency_keys SET state = 'done', status = ?4, headers = ?5, body = ?6
  WHERE scope = ?1 AND key = ?2 AND state = 'in_flight' AND created_at = ?3`;
const RENEW = `UPDATE idempotency_keys SET created_at = ?4
  WHERE scope = ?1 AND key = ?2 AND state = 'in_flight' AND created_at = ?3`;
const READ = `SELECT body_hash, state, status, headers, body, created_at FROM idempotency_keys
  WHERE scope = ?1 AND key = ?2`;

export function idempotency(
  db: (env: unknown) => D1Database,
  options: { claimTtlMs?: number } = {},
): MiddlewareHandler {
  const ttl = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (!key || !COMMANDS.has(c.req.method)) return next();
    if (!KEY.test(key)) throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
    const principal = c.get("principal" as never) ? principalOf(c).sub : "anonymous";
    const row = { d1: db(c.env), scope: `${principal} ${c.req.method} ${new URL(c.req.url).pathname}`, key };
    const bodyHash = await sha256Hex(await c.req.text());
    const now = Date.now();

    const claimed = await row.d1.prepare(CLAIM).bind(row.scope, row.key, bodyHash, now, now - ttl).run();
    if (claimed.meta.changes === 0) return answerFromStored(row, bodyHash, ttl);

    const lease = keepAlive(row, now, ttl);
    try {
      await next();
    } finally {
      await lease.stop();
    }
    const token = lease.token();
    const res = c.res;
    if (res.status >= 500 || c.error) {
      await row.d1.prepare(RELEASE).bind(row.scope, row.key, token).run();
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "etag", "location"]) {
      const value = res.headers.get(name);
      if (value) headers[name] = value;
    }
    const outcome = [res.status, JSON.stringify(headers), await res.clone().text()];
    const done = await row.d1.prepare(RECORD).bind(row.scope, row.key, token, ...outcome).run();
    if (done.meta.changes === 0) {
      log("warn", "idempotency claim was taken over before its request finished", { scope: row.scope });
    }
  };
}

type Row = { d1: D1Database; scope: string; key: string };

/** The answer to a repeat that found the key taken: replay, 422 for another body, or 409 while it runs. */
async function answerFromStored(row: Row, bodyHash: string, ttl: number): Promise<Response> {
  const stored = await row.d1.prepare(READ).bind(row.scope, row.key).first<Stored>();
  if (!stored) {
    const detail = "the first request with this key failed and released it; retry now";
    throw new AppError("conflict", detail, { headers: { "retry-after": "0" } });
  }
  if (stored.body_hash !== bodyHash) {
    throw new AppError("idempotency_key_reused", "this Idempotency-Key was used with a different body", {
      errors: [{ field: "header.idempotency-key", message: "already used with another request body" }],
    });
  }
  if (stored.state === "in_flight") {
    const seconds = Math.max(1, Math.ceil((stored.created_at + ttl - Date.now()) / 1000));
    const detail = `the first request with this key is still running; its claim lapses in ${seconds} s unless renewed`;
    throw new AppError("idempotency_in_flight", detail, { headers: { "retry-after": String(seconds) } });
  }
  const headers = new Headers(JSON.parse(stored.headers ?? "{}") as Record<string, string>);
  headers.set("idempotent-replayed", "true");
  return new Response(stored.body, { status: stored.status ?? 200, headers });
}

/** Renews the claim every third of its lifetime while the request runs; `token` is its current fencing value. */
function keepAlive(row: Row, claimedAt: number, ttl: number) {
  let token = claimedAt;
  let lost = false;
  let pending = Promise.resolve();
  const renew = async () => {
    if (lost) return;
    const now = Date.now();
    try {
      const result = await row.d1.prepare(RENEW).bind(row.scope, row.key, token, now).run();
      if (result.meta.changes === 1) token = now;
      else lost = true;
    } catch (error) {
      log("warn", "could not renew an idempotency claim", { scope: row.scope, error: String(error) });
    }
  };
  const timer = setInterval(() => (pending = pending.then(renew)), Math.max(1, Math.floor(ttl / 3)));
  return {
    token: () => token,
    stop: async () => {
      clearInterval(timer);
      await pending;
    },
  };
}
