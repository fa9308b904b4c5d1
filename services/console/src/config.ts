import type { Bindings } from "./env";

/** What the app reads at start (`GET /config.json`): public settings only, never a secret. */
export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
  map: { tileUrl: string | null; attribution: string };
  /** Whether this deployment offers the development sign-in picker (only where the dev issuer's key is set). */
  devSignIn: boolean;
}

export function consoleConfig(env: Bindings): ConsoleConfig {
  return {
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID || "civicgrid-console",
          scope: env.OIDC_SCOPE || "openid",
        }
      : null,
    map: { tileUrl: env.MAP_TILE_URL || null, attribution: env.MAP_ATTRIBUTION ?? "" },
    devSignIn: Boolean(env.DEV_ISSUER_PRIVATE_JWK && env.DEV_USERS),
  };
}

/**
 * The Content-Security-Policy of every page: scripts and styles from this origin only; the API is this origin too;
 * the identity provider and the tile server are the only other origins the app may reach. MapLibre draws in a worker
 * made from a blob and sets inline styles on its canvas.
 */
export function contentSecurityPolicy(env: Bindings): string {
  const others = [env.OIDC_ISSUER, env.MAP_TILE_URL]
    .filter((u): u is string => Boolean(u))
    .map((u) => new URL(u.replace(/\{[a-z]\}/g, "0")).origin);
  const connect = ["'self'", ...new Set(others)].join(" ");
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${[...new Set(others)].join(" ")}`.trim(),
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}
