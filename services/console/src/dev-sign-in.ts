import { importJWK, SignJWT, type JWK } from "jose";
import { z } from "zod";
import type { Bindings } from "./env";

/** A demo user as the dev script writes them into DEV_USERS (infra/local/secrets.mjs). */
export interface DevUser {
  sub: string;
  name: string;
  roles: string[];
  divisionCode: string;
  departmentId?: string;
  grids?: string[];
}

export const TokenRequest = z.object({ sub: z.string().min(1).max(200) });

/** The demo users the picker offers, or undefined where this deployment has no dev issuer (every deployed one). */
export function devUsers(env: Bindings): DevUser[] | undefined {
  if (!env.DEV_ISSUER_PRIVATE_JWK || !env.DEV_USERS) return undefined;
  return JSON.parse(env.DEV_USERS) as DevUser[];
}

/** A token of the local dev issuer for a demo user, with the claims `npm run token` gives (infra/local/token.mjs). */
export async function mintDevToken(env: Bindings, user: DevUser, ttlSeconds = 8 * 3600): Promise<string> {
  const jwk = JSON.parse(env.DEV_ISSUER_PRIVATE_JWK ?? "") as JWK & { alg: string; kid: string };
  const key = await importJWK(jwk, jwk.alg);
  return new SignJWT({
    name: user.name,
    roles: user.roles,
    division: user.divisionCode,
    dept: user.departmentId,
    grids: user.grids,
  })
    .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: "JWT" })
    .setSubject(user.sub)
    .setIssuer(env.DEV_TOKEN_ISSUER ?? "")
    .setAudience(env.DEV_TOKEN_AUDIENCE ?? "")
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}
