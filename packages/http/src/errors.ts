import type { FieldError } from "@civicgrid/contracts";

/** Every error a service answers with, mapped to its HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_transition: 409,
  idempotency_in_flight: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  unprocessable: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  bad_request: "Bad request",
  unauthorized: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  invalid_transition: "Not allowed in the current state",
  idempotency_in_flight: "A request with this Idempotency-Key is still in progress",
  gone: "Gone",
  precondition_failed: "The resource has changed",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_key_reused: "Idempotency-Key reused with a different request",
  unprocessable: "The request cannot be processed",
  precondition_required: "If-Match is required",
  rate_limited: "Too many requests",
  internal: "Internal error",
  bad_gateway: "An upstream service failed",
  unavailable: "Service unavailable",
};

export function titleOf(code: ErrorCode): string {
  return TITLES[code];
}

/** The one error type of the http kit. Extra members land in the problem body (e.g. `allowed` transitions). */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly options: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }

  static field(field: string, message: string, code: ErrorCode = "validation_failed"): AppError {
    return new AppError(code, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
