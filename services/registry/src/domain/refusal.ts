import type { FieldError } from "@civicgrid/contracts";

/**
 * A rule's "no", as a value: the domain never throws HTTP errors. The route turns it into problem+json
 * (routes/refused.ts); `code` is the problem code that says what kind of no it is.
 */
export interface Refusal {
  refused: "validation_failed" | "unprocessable" | "conflict" | "invalid_transition" | "forbidden";
  message: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
}

export const refusal = (refused: Refusal["refused"], message: string, extra?: Record<string, unknown>): Refusal => ({
  refused,
  message,
  ...(extra ? { extra } : {}),
});

/** A refusal naming the field at fault. */
export function fieldRefusal(
  field: string,
  message: string,
  refused: Refusal["refused"] = "validation_failed",
): Refusal {
  return { refused, message: `${field}: ${message}`, errors: [{ field, message }] };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "refused" in value && "message" in value;
}
