import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { Settings } from "../env";
import { SERVER_TIMING_HEADER } from "./server-timing";

const bySettings = new WeakMap<Settings, MiddlewareHandler>();

/**
 * CORS for the console's origins (CORS_ORIGINS), built once per isolate's settings rather than on every request.
 * Server-Timing is readable by the console only where the gateway sends it (SERVER_TIMING=on).
 */
export function corsOf(settings: Settings): MiddlewareHandler {
  let handler = bySettings.get(settings);
  if (!handler) {
    const origins = new Set(settings.CORS_ORIGINS);
    handler = cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      allowHeaders: [
        "authorization",
        "content-type",
        "idempotency-key",
        "if-match",
        "if-none-match",
        "x-request-id",
        "x-follow-token",
        "x-d1-bookmark",
      ],
      exposeHeaders: [
        "etag",
        "x-request-id",
        "location",
        "retry-after",
        "x-d1-bookmark",
        ...(settings.SERVER_TIMING === "on" ? [SERVER_TIMING_HEADER] : []),
      ],
      maxAge: 600,
    });
    bySettings.set(settings, handler);
  }
  return handler;
}
