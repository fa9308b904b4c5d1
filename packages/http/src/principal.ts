import { AuthError, PRINCIPAL_HEADER, verifyInternalPrincipal } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors";

/**
 * Accepts only the principal the gateway signed. Paths under `publicPrefixes` (disclosure, Open311)
 * need none; every other path refuses a request without one, so a service reached directly is closed.
 */
export function principalGuard(options: {
  secret: (c: Context) => string;
  publicPrefixes?: string[];
}): MiddlewareHandler {
  const open = options.publicPrefixes ?? [];
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const header = c.req.header(PRINCIPAL_HEADER);
    if (open.some((p) => path.startsWith(p)) && !header) return next();
    try {
      const principal = await verifyInternalPrincipal(header, options.secret(c));
      c.set("principal" as never, principal as never);
    } catch (error) {
      if (error instanceof AuthError) throw new AppError("unauthorized", error.message);
      throw error;
    }
    return next();
  };
}

/** The caller, for handlers behind `principalGuard`. */
export function principalOf(c: Context): Principal {
  const principal = c.get("principal" as never) as Principal | undefined;
  if (!principal) throw new AppError("unauthorized", "this endpoint needs an authenticated caller");
  return principal;
}

/** The caller if there is one (public endpoints that answer more to a signed-in caller). */
export function optionalPrincipal(c: Context): Principal | undefined {
  return c.get("principal" as never) as Principal | undefined;
}
