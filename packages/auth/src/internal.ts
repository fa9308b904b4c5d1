import { Principal } from "@civicgrid/contracts";
import { jwtVerify, SignJWT } from "jose";
import { claimsFromPrincipal, principalFromClaims, type CivicClaims } from "./claims";
import { AuthError } from "./errors";

/**
 * The gateway hands the verified principal to a service in this header, as a short-lived HS256 token
 * signed with a secret only the gateway and the services hold. A service trusts no other identity:
 * a request that reaches it without a valid one (e.g. directly over HTTP) is refused.
 */
export const PRINCIPAL_HEADER = "x-civicgrid-principal";
const ISSUER = "civicgrid-gateway";
const AUDIENCE = "civicgrid-services";
/** How long a signed principal is valid; services allow 5 s of clock skew on top. */
export const INTERNAL_PRINCIPAL_TTL_SECONDS = 60;

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error("INTERNAL_TOKEN_SECRET must be at least 32 characters");
  return new TextEncoder().encode(secret);
}

export async function signInternalPrincipal(
  principal: Principal,
  secret: string,
  now: number = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT(claimsFromPrincipal(Principal.parse(principal)))
    .setProtectedHeader({ alg: "HS256", typ: "civicgrid-principal+jwt" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + INTERNAL_PRINCIPAL_TTL_SECONDS)
    .sign(keyOf(secret));
}

export async function verifyInternalPrincipal(token: string | null | undefined, secret: string): Promise<Principal> {
  if (!token) throw new AuthError("missing_token", "this service only answers requests forwarded by the gateway");
  try {
    const { payload } = await jwtVerify<CivicClaims>(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      clockTolerance: 5,
    });
    return principalFromClaims(payload);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError("bad_signature", "the forwarded principal is not valid");
  }
}
