/**
 * Why the roster refuses a request, as a value: the route turns it into problem+json (src/refuse.ts).
 * `code` names the answer (409 conflict or invalid_transition, 422 unprocessable), `extra` lands in the body.
 */
export interface Refusal {
  code: "conflict" | "invalid_transition" | "unprocessable";
  detail: string;
  extra?: Record<string, unknown>;
  errors?: { field: string; message: string }[];
}
