import { PRINCIPAL_HEADER, signInternalPrincipal } from "@civicgrid/auth";
import { AppError, REQUEST_ID_HEADER } from "@civicgrid/http";
import type { Context } from "hono";
import { settingsOf, type AppEnv, type ServiceBinding } from "../env";
import { SERVER_TIMING_HEADER, serverTimingOn, timed } from "../middleware/server-timing";

/** Request headers a service may see; everything else (Authorization, cookies, spoofed principals) stays here. */
const PASSED_HEADERS = [
  "accept",
  "content-type",
  "if-match",
  "if-none-match",
  "idempotency-key",
  "accept-language",
  // A resident without a login follows and rates their report with the token handed back at reporting.
  "x-follow-token",
  // Standard Webhooks: the integrations service verifies the platform's signature over the untouched body.
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
];

/** Forwards the request to a service over its binding, with the verified principal signed for it. */
export async function forward(c: Context<AppEnv>, service: ServiceBinding): Promise<Response> {
  const url = new URL(c.req.url);
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  headers.set(REQUEST_ID_HEADER, c.get("requestId"));
  const principal = c.get("principal");
  if (principal) {
    const secret = settingsOf(c.env).INTERNAL_TOKEN_SECRET;
    headers.set(PRINCIPAL_HEADER, await timed(c, "gw-sign", () => signInternalPrincipal(principal, secret)));
  }
  const request = new Request(`https://service.internal${url.pathname}${url.search}`, {
    method: c.req.method,
    headers,
    body: await bodyOf(c),
  });
  try {
    const res = await timed(c, "gw-upstream", () => service.fetch(request));
    const out = new Response(res.body, res);
    out.headers.delete(REQUEST_ID_HEADER);
    // A service's own spans (`cases-*`) reach the client only where the gateway's are shown too.
    if (!serverTimingOn(c)) out.headers.delete(SERVER_TIMING_HEADER);
    return out;
  } catch {
    throw new AppError("bad_gateway", "the service behind this route did not answer");
  }
}

/**
 * The body to pass on, streamed as it arrives (a 50 MiB ledger upload is never held whole in the gateway's
 * 128 MB), unless something here has read it already (then the copy Hono kept). A body of declared length keeps
 * it, so the service can stream it on too (to R2, which needs the length up front).
 */
async function bodyOf(c: Context<AppEnv>): Promise<ReadableStream | ArrayBuffer | undefined> {
  if (["GET", "HEAD"].includes(c.req.method)) return undefined;
  if (c.req.raw.bodyUsed) return c.req.arrayBuffer();
  const body = c.req.raw.body;
  const length = Number(c.req.header("content-length"));
  if (!body || c.req.header("transfer-encoding") !== undefined || !Number.isSafeInteger(length) || length <= 0)
    return body ?? undefined;
  const fixed = new FixedLengthStream(length);
  // A client that stops sending fails the service's read of `fixed.readable`: nothing to handle here.
  body.pipeTo(fixed.writable).catch(() => undefined);
  return fixed.readable;
}
