import { AppError } from "@civicgrid/http";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { bodyLimitOf as limitOf } from "../domain/body-limits";
import type { Settings } from "../env";

/** One body-limit middleware per size (there are three: see domain/body-limits.ts), built once per isolate. */
const bySize = new Map<number, MiddlewareHandler>();

/** The body limit of `method path` (a request with a body; GET and HEAD have none to limit). */
export function bodyLimitFor(method: string, path: string, settings: Settings): MiddlewareHandler {
  const maxSize = limitOf(method, path, settings);
  let handler = bySize.get(maxSize);
  if (!handler) {
    handler = bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("payload_too_large", `the body exceeds ${maxSize} bytes`);
      },
    });
    bySize.set(maxSize, handler);
  }
  return handler;
}
