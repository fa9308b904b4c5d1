import { AppError, handleError } from "@civicgrid/http";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { formatOf, render } from "./render";

/** Open311 clients expect errors as `[{ code, description }]` with the HTTP status, not problem+json. */
export function isOpen311(c: Context): boolean {
  return new URL(c.req.url).pathname.startsWith("/open311/");
}

export function open311Errors(
  c: Context,
  status: number,
  descriptions: string[],
  headers: Record<string, string> = {},
): Response {
  const body = descriptions.map((description) => ({ code: status, description }));
  return render(c, formatOf(c), "errors", body, status, headers);
}

export function open311ErrorResponse(c: Context, error: unknown): Response {
  if (error instanceof AppError) {
    const descriptions = error.options.errors?.map((e) => `${e.field}: ${e.message}`) ?? [error.detail ?? error.code];
    return open311Errors(c, error.status, descriptions, error.options.headers);
  }
  if (error instanceof HTTPException && error.status < 500)
    return open311Errors(c, error.status, [error.message || "the request could not be read"]);
  // Anything else is logged with the request id by the kit; the client sees only a generic 500.
  handleError("integrations", error, c);
  return open311Errors(c, 500, ["something went wrong; try again later"]);
}

/** The validation hook of the Open311 routes: every field at fault, named by its Open311 parameter. */
export function open311Hook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  // The first path element is the Open311 argument (`status`, not `status.0` for an item of a list).
  return open311Errors(
    c,
    400,
    result.error.issues.map((i) => `${String(i.path[0] ?? result.target)}: ${i.message}`),
  );
}
