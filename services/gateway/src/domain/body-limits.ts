import type { Settings } from "../env";

type Limits = Pick<Settings, "MAX_BODY_BYTES" | "MAX_IMPORT_BODY_BYTES"> &
  Partial<Pick<Settings, "MAX_MEDIA_BODY_BYTES">>;

/**
 * Routes that take a body larger than the gateway's limit, each with the setting that bounds it. Every other
 * route takes at most MAX_BODY_BYTES (1 MiB): API bodies are small JSON. The one exception is a ledger file
 * (台账) uploaded for import (issue 14 item 11): a 100,000-row CSV or XLSX of people is tens of MB, so its upload
 * takes up to MAX_IMPORT_BODY_BYTES (50 MiB), under the 100 MB request body limit Cloudflare sets on its Free and
 * Pro plans (Workers limits). Matched by method and exact path: nothing under the route inherits its limit.
 */
export const LARGE_BODY_ROUTES: readonly { method: string; path: string; limit: "MAX_IMPORT_BODY_BYTES" }[] = [
  { method: "POST", path: "/v1/basedata/imports", limit: "MAX_IMPORT_BODY_BYTES" },
];

/** The largest body, in bytes, the gateway lets through to `method path`. */
export function bodyLimitOf(method: string, path: string, limits: Limits): number {
  const route = LARGE_BODY_ROUTES.find((r) => r.method === method.toUpperCase() && r.path === path);
  if (route) return limits[route.limit];
  const media = MEDIA_UPLOAD_ROUTES.some((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  return media ? (limits.MAX_MEDIA_BODY_BYTES ?? limits.MAX_BODY_BYTES) : limits.MAX_BODY_BYTES;
}

/**
 * Issue 16 media: a case's file upload (multipart POST, or the PUT to a signed one-time URL) takes up to
 * MAX_MEDIA_BODY_BYTES (51 MiB: the 50 MB video limit the cases service enforces per kind, plus the framing).
 * Matched by method and the whole path, the case id and token in their own segment.
 */
export const MEDIA_UPLOAD_ROUTES: readonly { method: string; pattern: RegExp }[] = [
  { method: "POST", pattern: /^\/v1\/cases\/[^/]+\/media$/ },
  { method: "PUT", pattern: /^\/v1\/public\/cases\/[^/]+\/media\/uploads\/[^/]+$/ },
];
