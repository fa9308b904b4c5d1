import { InternalPrincipalSigner, PRINCIPAL_HEADER } from "@civicgrid/auth";
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
  // Issue 17: D1 Sessions bookmarks (`<county6>=<bookmark>,…`), so a writer reads its own writes from replicas.
  "x-d1-bookmark",
  // Standard Webhooks: the integrations service verifies the platform's signature over the untouched body.
  "webhook-id",
  "webhook-timestamp",
  "webhook-signature",
];

/**
 * The principal handed to services is signed once per principal and reused until shortly before it expires
 * (SIGNED_PRINCIPALS_MAX_ENTRIES principals at most); a new secret (a new deployment) starts a new cache.
 */
let signer: InternalPrincipalSigner | undefined;
function signerFor(secret: string): InternalPrincipalSigner {
  if (signer?.secret !== secret) signer = new InternalPrincipalSigner(secret);
  return signer;
}

/** Forwards the request to a service over its binding, with the verified principal signed for it. */
export async function forward(c: Context<AppEnv>, service: ServiceBinding): Promise<Response> {
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  headers.set(REQUEST_ID_HEADER, c.get("requestId"));
  const principal = c.get("principal");
  if (principal) {
    const principalSigner = signerFor(settingsOf(c.env).INTERNAL_TOKEN_SECRET);
    headers.set(PRINCIPAL_HEADER, await timed(c, "gw-sign", () => principalSigner.sign(principal)));
  }
  // The path and query as they came (the origin is the service binding's own).
  const target = c.req.url.slice(c.req.url.indexOf("/", c.req.url.indexOf("//") + 2));
  const request = new Request(`https://service.internal${target}`, {
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
 * The body to pass on: the incoming stream itself, never parsed nor re-serialised, so a 50 MiB ledger upload is
 * never held whole in the gateway's 128 MB and a JSON command is not read twice. workerd keeps a request body's
 * declared length when the stream is handed on untouched, so the service can stream it on too (to R2, which needs
 * the length up front). Unless something here has read it already (then the copy Hono kept).
 */
async function bodyOf(c: Context<AppEnv>): Promise<ReadableStream | ArrayBuffer | null> {
  if (c.req.method === "GET" || c.req.method === "HEAD") return null;
  if (c.req.raw.bodyUsed) return c.req.arrayBuffer();
  return c.req.raw.body;
}
