import type { Principal } from "@civicgrid/contracts";
import { SignJWT, importJWK, type JWK } from "jose";
import { claimsFromPrincipal } from "./claims";

/** Signs an access token the way an identity provider would; used by the dev issuer and by tests. */
export async function mintAccessToken(
  principal: Principal,
  signingKey: JWK,
  options: { issuer: string; audience: string; ttlSeconds?: number; now?: number },
): Promise<string> {
  if (!signingKey.kid || !signingKey.alg) throw new Error("the signing JWK needs kid and alg");
  const key = await importJWK(signingKey, signingKey.alg);
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT(claimsFromPrincipal(principal))
    .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 3600))
    .sign(key);
}
