import { mintAccessToken } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import type { JWK } from "jose";
import { z } from "zod";
import type { Bindings } from "./env";

/** A demo user as the dev script writes them into DEV_USERS (infra/local/secrets.mjs): a principal. */
export type DevUser = Principal;

export const TokenRequest = z.object({ sub: z.string().min(1).max(200) });

/** The demo users the picker offers, or undefined where this deployment has no dev issuer (every deployed one). */
export function devUsers(env: Bindings): DevUser[] | undefined {
  if (!env.DEV_ISSUER_PRIVATE_JWK || !env.DEV_USERS) return undefined;
  return JSON.parse(env.DEV_USERS) as DevUser[];
}

/** A token of the local dev issuer for a demo user, with the claims any identity provider's token carries. */
export function mintDevToken(env: Bindings, user: DevUser, ttlSeconds = 8 * 3600): Promise<string> {
  const jwk = JSON.parse(env.DEV_ISSUER_PRIVATE_JWK ?? "") as JWK;
  return mintAccessToken(user, jwk, {
    issuer: env.DEV_TOKEN_ISSUER ?? "",
    audience: env.DEV_TOKEN_AUDIENCE ?? "",
    ttlSeconds,
  });
}
