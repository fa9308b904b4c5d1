/**
 * Why the base data refuses a request, as a value: routes turn it into problem+json (src/refuse.ts), the village
 * object returns it across RPC. `field` names the part of the request at fault, as problem+json `errors` do.
 */
export interface Refusal {
  code: "conflict" | "invalid_transition" | "unprocessable" | "not_found" | "forbidden" | "precondition_failed";
  detail: string;
  errors?: { field: string; message: string }[];
  extra?: Record<string, unknown>;
}

export function fieldRefusal(field: string, message: string, code: Refusal["code"] = "unprocessable"): Refusal {
  return { code, detail: `${field}: ${message}`, errors: [{ field, message }] };
}

/** A result that is either a value or a refusal: what village-object commands answer. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = <T = never>(refusal: Refusal): Outcome<T> => ({ ok: false, refusal });
