import type { MiddlewareHandler } from "hono";
import { log } from "./logging";

/** One structured line per request: method, route pattern (never the raw query), status, duration. */
export function accessLog(service: string): MiddlewareHandler {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const status = c.res.status;
    log(status >= 500 ? "error" : "info", "request", {
      service,
      requestId: c.get("requestId" as never),
      method: c.req.method,
      route: c.req.routePath,
      status,
      ms: Date.now() - started,
    });
  };
}
