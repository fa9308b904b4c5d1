import { and, eq, lte, sql } from "drizzle-orm";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";
import { sha256Hex } from "./hash";
import { log } from "./logging";
import { principalOf } from "./principal";
import { idempotencyKeys } from "./store/tables";

/**
 * Idempotency-Key for every command (POST/PUT/PATCH/DELETE) over a D1 table that each service's first
 * migration creates (`idempotency_keys`). The first request claims the key; a repeat with the same body
 * replays the stored answer (`idempotent-replayed: true`); a repeat with another body is refused (422).
 *
 * A claim is a lease that dies with its request: it lasts `claimTtlMs` past the request's last sign of
 * life, and a live request renews it every third of that, so only a request that died (a killed isolate,
 * a crash) lets it lapse. While it lives, a repeat gets 409 with `Retry-After` = the seconds until it would
 * lapse; after that, a repeat takes it over (one conditional upsert, so of several concurrent retries exactly
 * one wins) and runs the command. A claim whose request failed with 5xx is released at once. `created_at` is
 * the lease's last renewal and its fencing token: a request whose claim was taken over can neither renew it
 * nor record its outcome over the new holder's.
 */
export const DEFAULT_CLAIM_TTL_MS = 30_000; // the wall time we budget one Worker request

const COMMANDS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const t = idempotencyKeys;

type Row = { db: DrizzleD1Database; scope: string; key: string };
/** The claim row while it is still the one this request holds (`token`: its last renewal). */
const held = (row: Row, token: number) =>
  and(eq(t.scope, row.scope), eq(t.key, row.key), eq(t.state, "in_flight"), eq(t.createdAt, token));

/**
 * Claims the key: a new row, or a lapsed claim (last renewed at or before `lapsedAt`) of the same body taken
 * over in the same statement, so that of several concurrent retries exactly one changes a row.
 */
function claim(row: Row, bodyHash: string, now: number, lapsedAt: number) {
  return row.db
    .insert(t)
    .values({ scope: row.scope, key: row.key, bodyHash, state: "in_flight", createdAt: now })
    .onConflictDoUpdate({
      target: [t.scope, t.key],
      set: { createdAt: sql`excluded.created_at` },
      setWhere: and(eq(t.state, "in_flight"), lte(t.createdAt, lapsedAt), eq(t.bodyHash, sql`excluded.body_hash`)),
    })
    .run();
}

export function idempotency(
  db: (env: unknown) => D1Database,
  options: { claimTtlMs?: number; except?: readonly string[] } = {},
): MiddlewareHandler {
  const ttl = options.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS;
  const except = new Set(options.except ?? []);
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (!key || !COMMANDS.has(c.req.method) || except.has(new URL(c.req.url).pathname)) return next();
    if (!KEY.test(key)) throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
    const principal = c.get("principal" as never) ? principalOf(c).sub : "anonymous";
    const row = { db: drizzle(db(c.env)), scope: `${principal} ${c.req.method} ${new URL(c.req.url).pathname}`, key };
    const bodyHash = await sha256Hex(await c.req.text());
    const now = Date.now();

    const claimed = await claim(row, bodyHash, now, now - ttl);
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
      await row.db.delete(t).where(held(row, token)).run();
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "etag", "location"]) {
      const value = res.headers.get(name);
      if (value) headers[name] = value;
    }
    const body = await res.clone().text();
    const outcome = { state: "done" as const, status: res.status, headers: JSON.stringify(headers), body };
    const done = await row.db.update(t).set(outcome).where(held(row, token)).run();
    if (done.meta.changes === 0) {
      log("warn", "idempotency claim was taken over before its request finished", { scope: row.scope });
    }
  };
}

/** The answer to a repeat that found the key taken: replay, 422 for another body, or 409 while it runs. */
async function answerFromStored(row: Row, bodyHash: string, ttl: number): Promise<Response> {
  const stored = await row.db
    .select()
    .from(t)
    .where(and(eq(t.scope, row.scope), eq(t.key, row.key)))
    .get();
  if (!stored) {
    const detail = "the first request with this key failed and released it; retry now";
    throw new AppError("conflict", detail, { headers: { "retry-after": "0" } });
  }
  if (stored.bodyHash !== bodyHash) {
    throw new AppError("idempotency_key_reused", "this Idempotency-Key was used with a different body", {
      errors: [{ field: "header.idempotency-key", message: "already used with another request body" }],
    });
  }
  if (stored.state === "in_flight") {
    const seconds = Math.max(1, Math.ceil((stored.createdAt + ttl - Date.now()) / 1000));
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
      const result = await row.db.update(t).set({ createdAt: now }).where(held(row, token)).run();
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
