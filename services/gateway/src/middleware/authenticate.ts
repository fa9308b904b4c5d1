import { AuthError, bearerToken, DEFAULT_OUTAGE_BACKOFF_MS, remoteJwks, VerifiedTokens } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { MiddlewareHandler } from "hono";
import { settingsOf, type AppEnv, type Settings } from "../env";
import { rosterStatus, type PrincipalStatusSource } from "./principal-status";
import { timed } from "./server-timing";

/**
 * Each distinct token is verified once per isolate and its principal kept until the token expires (at most
 * VERIFIED_TOKEN_MAX_HOLD_MS, VERIFIED_TOKENS_MAX_ENTRIES tokens): one cache per settings, so a token verified
 * for one issuer and audience is never taken for another.
 */
const verifiedBySettings = new WeakMap<Settings, VerifiedTokens>();

/**
 * Verifies the bearer token of every non-public `/v1/` request and keeps its principal for
 * forwarding; then asks the roster (cached for a minute) whether the subject may still act, so a
 * dismissed worker's or removed user's token stops working whatever its expiry. Every refusal is
 * problem+json with the reason (see `refusal`); the token itself is never logged.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const settings = settingsOf(c.env);
    let verified = verifiedBySettings.get(settings);
    if (!verified) verifiedBySettings.set(settings, (verified = new VerifiedTokens()));
    let principal: Principal;
    try {
      const token = bearerToken(c.req.header("authorization"));
      principal = await timed(c, "gw-verify", () =>
        verified.verify(token, remoteJwks(settings.AUTH_JWKS_URL), {
          issuer: settings.AUTH_ISSUER,
          audience: settings.AUTH_AUDIENCE,
          clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
        }),
      );
    } catch (error) {
      throw refusal(error);
    }
    // The ROSTER binding is typed with the RPC all services share; the roster adds principalStatus.
    const roster = c.env.ROSTER as unknown as PrincipalStatusSource;
    const status = await timed(c, "gw-roster", () => rosterStatus(roster, principal)).catch(() => {
      throw new AppError("unavailable", "the roster could not confirm this subject; retry shortly", {
        headers: { "retry-after": "5" },
      });
    });
    if (!status.active)
      throw refusal(new AuthError("revoked", `this subject may no longer act (${status.reason ?? "inactive"})`));
    c.set("principal", principal);
    await next();
  };
}

/**
 * A token problem is 401 with WWW-Authenticate; an identity provider we cannot read is our outage, not
 * the caller's fault: 503 with Retry-After, so a client keeps its (possibly valid) token and retries.
 */
function refusal(error: unknown): unknown {
  if (!(error instanceof AuthError)) return error;
  if (error.reason === "jwks_unavailable") {
    const retryAfter = String(error.options.retryAfterSeconds ?? DEFAULT_OUTAGE_BACKOFF_MS / 1000);
    return new AppError("unavailable", error.message, {
      extra: { reason: error.reason },
      headers: { "retry-after": retryAfter },
    });
  }
  return new AppError("unauthorized", error.message, {
    extra: { reason: error.reason },
    headers: { "www-authenticate": `Bearer error="invalid_token"` },
  });
}
