import type { Context } from "hono";
import type { AppEnv } from "../env";

/**
 * Local development only: the dev issuer's public keys, so that `AUTH_JWKS_URL` can point at a real
 * JWKS endpoint on this machine. The dev script writes `DEV_ISSUER_JWKS` into the gateway's .dev.vars;
 * no deployed environment sets it, and without it this route does not exist.
 */
export function devJwks(c: Context<AppEnv>): Response {
  const jwks = c.env.DEV_ISSUER_JWKS;
  if (!jwks) return c.notFound() as Response;
  return new Response(jwks, { headers: { "content-type": "application/jwk-set+json", "cache-control": "max-age=60" } });
}
