import { AuthError, bearerToken, remoteJwks, verifyAccessToken } from "@civicgrid/auth";
import { AppError } from "@civicgrid/http";
import type { MiddlewareHandler } from "hono";
import { settingsOf, type AppEnv } from "./env";

/**
 * Verifies the bearer token of every non-public `/v1/` request and keeps its principal for
 * forwarding. Every refusal is 401 problem+json with the reason; the token itself is never logged.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const settings = settingsOf(c.env);
    try {
      const token = bearerToken(c.req.header("authorization"));
      const principal = await verifyAccessToken(token, remoteJwks(settings.AUTH_JWKS_URL), {
        issuer: settings.AUTH_ISSUER,
        audience: settings.AUTH_AUDIENCE,
        clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
      });
      c.set("principal", principal);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const status = error.reason === "jwks_unavailable" ? "unavailable" : "unauthorized";
      throw new AppError(status, error.message, {
        extra: { reason: error.reason },
        headers: status === "unauthorized" ? { "www-authenticate": `Bearer error="invalid_token"` } : {},
      });
    }
    await next();
  };
}
