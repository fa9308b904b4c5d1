import type { Problem } from "@civicgrid/contracts";
import type { Context } from "hono";
import { ERROR_STATUS, titleOf, type AppError, type ErrorCode } from "./errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Builds an RFC 9457 answer. `type` is a stable URI per error code, documented in the OpenAPI document. */
export function problemBody(code: ErrorCode, init: Partial<Problem> & { requestId?: string } = {}): Problem {
  return {
    type: `https://civicgrid.dev/problems/${code.replaceAll("_", "-")}`,
    title: titleOf(code),
    status: ERROR_STATUS[code],
    code,
    ...init,
  };
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** The answer for any thrown AppError, with the request's id and path. */
export function problemFromError(c: Context, error: AppError): Response {
  const body = problemBody(error.code, {
    detail: error.detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId" as never) as string | undefined,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...error.options.extra,
  });
  return problemResponse(body, error.options.headers);
}
