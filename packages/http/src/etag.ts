import type { Context } from "hono";
import { AppError } from "./errors";

/** A versioned resource's strong ETag. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** The version an update was based on, from If-Match; required so that concurrent edits are detected. */
export function ifMatchVersion(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) {
    throw new AppError(
      "precondition_required",
      "send If-Match with the ETag you read, so concurrent edits are detected",
      {
        errors: [{ field: "header.if-match", message: "required" }],
      },
    );
  }
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!match?.[1]) throw AppError.field("header.if-match", 'must be an ETag of this resource, like "v3"');
  return Number(match[1]);
}

/** Refuses with 412 when the resource moved on since the client read it. */
export function assertVersion(c: Context, current: number): void {
  const expected = ifMatchVersion(c);
  if (expected !== current) {
    throw new AppError("precondition_failed", `the resource is at version ${current}, not ${expected}; read it again`, {
      extra: { currentVersion: current },
      headers: { etag: etagOf(current) },
    });
  }
}

/** Sets ETag and answers 304 when the client already has this representation. */
export function notModified(c: Context, etag: string): boolean {
  c.header("etag", etag);
  const inm = c.req.header("if-none-match");
  return inm !== undefined && inm.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`);
}
