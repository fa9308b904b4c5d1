import type { AdmittedMatter } from "@civicgrid/contracts";
import { AppError, log, sha256Hex } from "@civicgrid/http";
import type { Context } from "hono";
import { chosenJurisdiction } from "../../domain/open311-params";
import type { AppEnv } from "../../env";
import {
  clientByKeyHash,
  countInWindow,
  findJurisdiction,
  type Jurisdiction,
  type Open311Client,
} from "../../store/open311";

/** What every Open311 route does first: the app's api_key and its rate, the jurisdiction, calls to other services. */

/** The trusted app holding this api_key (kept only as a hash), or a 403 as the specification asks. */
export async function clientOf(db: D1Database, apiKey: string | undefined): Promise<Open311Client> {
  if (!apiKey) throw new AppError("forbidden", "api_key was not provided");
  const client = await clientByKeyHash(db, await sha256Hex(apiKey));
  if (!client) throw new AppError("forbidden", "api_key is invalid");
  return client;
}

/** A fixed one-minute window per client; over the client's limit answers 429 with when to come back. */
export async function countRequest(db: D1Database, client: Open311Client, nowMs: number = Date.now()): Promise<void> {
  const window = Math.floor(nowMs / 60_000) * 60_000;
  if ((await countInWindow(db, client.id, window)) > client.requestsPerMinute) {
    const retryAfter = Math.ceil((window + 60_000 - nowMs) / 1000);
    const headers = { "retry-after": String(retryAfter) };
    const detail = `rate limit of ${client.requestsPerMinute} requests a minute reached`;
    throw new AppError("rate_limited", detail, { headers });
  }
}

/**
 * The jurisdiction a request names (in the query string or, for a POST, the form too); an unknown one is 404, as
 * GeoReport v2 answers an unknown jurisdiction_id.
 */
export async function jurisdictionOf(
  db: D1Database,
  fromQuery: string | undefined,
  fromForm?: string,
): Promise<Jurisdiction> {
  const chosen = chosenJurisdiction(fromQuery, fromForm);
  if (!chosen.ok) throw AppError.field(chosen.error.field, chosen.error.message);
  const jurisdiction = await findJurisdiction(db, chosen.id);
  if (!jurisdiction) {
    const detail = `jurisdiction_id: ${chosen.id} is not a jurisdiction of this endpoint (see /open311/discovery.json)`;
    throw new AppError("not_found", detail);
  }
  return jurisdiction;
}

/**
 * The start of every read: a keyed app is counted against its own limit (anonymous reads are limited at the
 * gateway), then the jurisdiction it names is found (required, as this endpoint serves several counties).
 */
export async function readJurisdiction(
  c: Context<AppEnv>,
  q: { api_key?: string | undefined; jurisdiction_id?: string | undefined },
): Promise<Jurisdiction> {
  if (q.api_key !== undefined) await countRequest(c.env.DB, await clientOf(c.env.DB, q.api_key));
  return jurisdictionOf(c.env.DB, q.jurisdiction_id);
}

/**
 * A call to another service: its failure is a 502 for the client (logged here), never a 500. Our own refusals
 * raised inside the call pass through (an error from across RPC never arrives as an AppError).
 */
export async function upstream<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    log("error", `${what} failed`, { service: "integrations", error: message });
    throw new AppError("bad_gateway", `${what} is not available now; try again later`);
  }
}

export function mattersOf(c: Context<AppEnv>, county: string): Promise<AdmittedMatter[]> {
  return upstream("the service list", () => c.env.REGISTRY.admittedMatters(county));
}
