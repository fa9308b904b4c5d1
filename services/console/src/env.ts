/** The console worker's bindings: its static assets, the public settings the app reads, and (local only) the dev issuer. */
export interface Bindings {
  ASSETS: Fetcher;
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_SCOPE?: string;
  MAP_TILE_URL?: string;
  MAP_ATTRIBUTION?: string;
  /** Local development only (services/console/.dev.vars.example): never set in a deployed environment. */
  DEV_ISSUER_PRIVATE_JWK?: string;
  DEV_USERS?: string;
  DEV_TOKEN_ISSUER?: string;
  DEV_TOKEN_AUDIENCE?: string;
}

export type AppEnv = { Bindings: Bindings };
