import { mintAccessToken } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { TEST_AUDIENCE, TEST_ISSUER } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import type { JWK } from "jose";

type Keys = { rsa: JWK; ec: JWK; rogue: JWK; rsaPublic: JWK };
export const keys = JSON.parse(env.TEST_KEYS) as Keys;

export function token(
  principal: Principal,
  options: { key?: keyof Keys; issuer?: string; audience?: string; ttlSeconds?: number; now?: number } = {},
) {
  return mintAccessToken(principal, keys[options.key ?? "rsa"], {
    issuer: options.issuer ?? TEST_ISSUER,
    audience: options.audience ?? TEST_AUDIENCE,
    ttlSeconds: options.ttlSeconds,
    now: options.now,
  });
}

export function b64url(text: string | Uint8Array): string {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function bearer(jwt: string): RequestInit {
  return { headers: { authorization: `Bearer ${jwt}` } };
}
