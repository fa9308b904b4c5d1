import { Principal } from "@civicgrid/contracts";
import { jwtVerify, SignJWT } from "jose";
import { claimsFromPrincipal, principalFromClaims, type CivicClaims } from "./claims";
import { AuthError } from "./errors";
import { ExpiringLru } from "./lru";

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

/** At most this many forwarded principals are kept verified per isolate (each ~1 KB with its token). */
export const VERIFIED_PRINCIPALS_MAX_ENTRIES = 4_096;

/**
 * Forwarded principals already verified in this isolate (issue 17): the gateway signs one token per caller and
 * reuses it for most of its minute (InternalPrincipalSigner), so a service checks each signature once. An entry is
 * kept until the token's `exp` (never past it) and only under the secret it was verified with: a changed secret
 * empties the cache, so every token is checked against the new one. A token that fails is never kept.
 */
const verified = { secret: "", checks: 0, tokens: new ExpiringLru<string, Principal>(VERIFIED_PRINCIPALS_MAX_ENTRIES) };

/** How many verified principals this isolate keeps, and how many signatures it has checked (for tests). */
export const verifiedPrincipals = () => ({ kept: verified.tokens.size, checks: verified.checks });

export async function verifyInternalPrincipal(
  token: string | null | undefined,
  secret: string,
  now: number = Date.now(),
): Promise<Principal> {
  if (!token) throw new AuthError("missing_token", "this service only answers requests forwarded by the gateway");
  if (verified.secret !== secret) {
    verified.tokens.clear();
    verified.secret = secret;
  }
  const hit = verified.tokens.get(token, now);
  if (hit) return hit;
  try {
    verified.checks++;
    const { payload } = await jwtVerify<CivicClaims>(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      clockTolerance: 5,
      currentDate: new Date(now),
    });
    const principal = principalFromClaims(payload);
    if (payload.exp !== undefined) verified.tokens.set(token, principal, payload.exp * 1000, now);
    return principal;
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError("bad_signature", "the forwarded principal is not valid");
  }
}
