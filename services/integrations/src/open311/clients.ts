import { AppError, sha256Hex } from "@civicgrid/http";

export interface Open311Client {
  id: string;
  name: string;
  requestsPerMinute: number;
}

/** The trusted app holding this api_key (kept only as a hash), or a 403 as the specification asks. */
export async function clientOf(db: D1Database, apiKey: string | undefined): Promise<Open311Client> {
  if (!apiKey) throw new AppError("forbidden", "api_key was not provided");
  const row = await db
    .prepare("SELECT id, name, requests_per_minute FROM open311_clients WHERE key_hash = ?1 AND active = 1")
    .bind(await sha256Hex(apiKey))
    .first<{ id: string; name: string; requests_per_minute: number }>();
  if (!row) throw new AppError("forbidden", "api_key is invalid");
  return { id: row.id, name: row.name, requestsPerMinute: row.requests_per_minute };
}

/** A fixed one-minute window per client; over the client's limit answers 429 with when to come back. */
export async function countRequest(db: D1Database, client: Open311Client, nowMs: number = Date.now()): Promise<void> {
  const window = Math.floor(nowMs / 60_000) * 60_000;
  const row = await db
    .prepare(
      `INSERT INTO open311_rate_windows (client_id, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (client_id, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(client.id, window)
    .first<{ count: number }>();
  if ((row?.count ?? 0) > client.requestsPerMinute) {
    const retryAfter = Math.ceil((window + 60_000 - nowMs) / 1000);
    throw new AppError("rate_limited", `rate limit of ${client.requestsPerMinute} requests a minute reached`, { headers: { "retry-after": String(retryAfter) } });
  }
}
