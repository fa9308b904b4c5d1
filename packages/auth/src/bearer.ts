import type { Principal } from "@civicgrid/contracts";
import { errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { principalFromClaims, type CivicClaims } from "./claims";
import { AuthError } from "./errors";

export interface BearerConfig {
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockToleranceSeconds: number;
}

/** Only asymmetric algorithms: `none` and HS* (e.g. HS256 "signed" with a public key) never verify. */
export const ALLOWED_ALGORITHMS = ["RS256", "ES256"] as const;

export function bearerToken(header: string | null | undefined): string {
  if (!header) throw new AuthError("missing_token", "an Authorization: Bearer token is required");
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError("malformed_token", "the Authorization header must be 'Bearer <jwt>'");
  return match[1];
}

/** Verifies an access token against the JWKS and our issuer/audience, and returns its principal. */
export async function verifyAccessToken(
  token: string,
  keys: JWTVerifyGetKey,
  config: BearerConfig,
): Promise<Principal> {
  return (await verifyAccessTokenUntil(token, keys, config)).principal;
}

/** As `verifyAccessToken`, with the token's expiry (ms since the epoch), checked as of `now`. */
export async function verifyAccessTokenUntil(
  token: string,
  keys: JWTVerifyGetKey,
  config: BearerConfig,
  now: number = Date.now(),
): Promise<{ principal: Principal; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify<CivicClaims>(token, keys, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: [...ALLOWED_ALGORITHMS],
      clockTolerance: config.clockToleranceSeconds,
      requiredClaims: ["sub", "exp"],
      currentDate: new Date(now),
    });
    // requiredClaims guarantees exp; jose has checked it is a number.
    return { principal: principalFromClaims(payload), expiresAt: (payload.exp as number) * 1000 };
  } catch (error) {
    throw translate(error);
  }
}

function translate(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError("expired", "the token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss")
      return new AuthError("wrong_issuer", "the token was issued by an issuer we do not trust");
    if (error.claim === "aud") return new AuthError("wrong_audience", "the token is not meant for this API");
    if (error.claim === "nbf") return new AuthError("not_yet_valid", "the token is not valid yet");
    return new AuthError("bad_claims", `the token's ${error.claim} claim is invalid`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new AuthError("algorithm_not_allowed", "the token's algorithm is not allowed");
  if (error instanceof errors.JWKSNoMatchingKey)
    return new AuthError("unknown_key", "no trusted key matches the token's kid");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthError("bad_signature", "the token's signature does not verify");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new AuthError("jwks_unavailable", "the identity provider's keys could not be loaded");
  }
  if (error instanceof errors.JOSEError) return new AuthError("malformed_token", "the token is not a valid JWT");
  return new AuthError("jwks_unavailable", "the identity provider's keys could not be loaded");
}
