/**
 * Why a bearer token was refused; the gateway answers every one with 401 problem+json, except
 * `jwks_unavailable` (the identity provider is down, the token may be fine): 503 with Retry-After.
 */
export type AuthFailure =
  | "missing_token"
  | "malformed_token"
  | "algorithm_not_allowed"
  | "unknown_key"
  | "bad_signature"
  | "wrong_issuer"
  | "wrong_audience"
  | "expired"
  | "not_yet_valid"
  | "bad_claims"
  | "revoked"
  | "jwks_unavailable";

export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string,
    /** For `jwks_unavailable`: when it is worth trying again. */
    readonly options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AuthError";
  }
}
