/** Why a bearer token was refused; the gateway answers every one with 401 problem+json. */
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
  ) {
    super(message);
    this.name = "AuthError";
  }
}
