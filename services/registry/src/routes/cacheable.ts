import { notModified, sha256Hex } from "@civicgrid/http";
import type { Context } from "hono";

/**
 * A public JSON answer that caches and revalidates cheaply: Cache-Control for shared caches, a strong ETag
 * over the body, 304 when the client's copy is current.
 */
export async function cacheableJson(c: Context, value: unknown, cacheControl: string): Promise<Response> {
  const body = JSON.stringify(value);
  c.header("cache-control", cacheControl);
  if (notModified(c, `"${(await sha256Hex(body)).slice(0, 32)}"`)) return c.body(null, 304);
  return c.body(body, 200, { "content-type": "application/json" });
}
