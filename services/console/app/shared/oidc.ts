// Staff sign-in in production: OpenID Connect authorization code flow with PKCE (RFC 7636) against the configured
// issuer, as a public client (no secret in a browser), with the maintained library oauth4webapi. Tokens are kept in
// memory only; the refresh token, when the provider issues one, renews the access token silently before it expires.
// Across the one redirect to the provider, sessionStorage holds the PKCE verifier, state and nonce (never a token).
import * as oauth from "oauth4webapi";
import type { ConsoleConfig } from "./config";
import { claimsOf, type Session } from "./session";

type Oidc = NonNullable<ConsoleConfig["oidc"]>;
const PENDING = "civicgrid.oidc.pending";
/** Marks that this tab was signed in, so a reload asks the provider again silently (prompt=none) instead of a picker. */
const SIGNED_IN = "civicgrid.oidc.signed-in";

const redirectUri = () => `${location.origin}/`;

/** An http issuer is allowed only on this machine (a local provider in tests); everywhere else HTTPS is required. */
function requestOptions(issuer: URL) {
  const local = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
  return local ? { [oauth.allowInsecureRequests]: true } : {};
}

async function server(cfg: Oidc): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(cfg.issuer);
  const res = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...requestOptions(issuer) });
  return oauth.processDiscoveryResponse(issuer, res);
}

/** Leaves for the provider's sign-in page; it comes back to `/` with a code (see completeSignIn). */
export async function startSignIn(cfg: Oidc, { silent = false } = {}): Promise<void> {
  const as = await server(cfg);
  if (!as.authorization_endpoint) throw new Error("身份认证服务未提供 authorization_endpoint");
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const back = location.pathname + location.search;
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, back }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", cfg.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", cfg.scope);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  if (silent) url.searchParams.set("prompt", "none");
  location.assign(url);
}

/**
 * On the way back from the provider: exchanges the code for tokens (checking state, PKCE and the ID token's nonce),
 * and returns the session; null when this page load is not a return from the provider. A reload of a tab that was
 * signed in leaves silently for the provider once (prompt=none) and returns null meanwhile.
 */
export async function completeSignIn(cfg: Oidc): Promise<Session | null> {
  const here = new URL(location.href);
  const pending = sessionStorage.getItem(PENDING);
  if (!pending || !(here.searchParams.has("code") || here.searchParams.has("error"))) {
    if (sessionStorage.getItem(SIGNED_IN)) {
      sessionStorage.removeItem(SIGNED_IN);
      await startSignIn(cfg, { silent: true });
    }
    return null;
  }
  sessionStorage.removeItem(PENDING);
  const { verifier, state, nonce, back } = JSON.parse(pending) as Record<string, string>;
  const as = await server(cfg);
  const client: oauth.Client = { client_id: cfg.clientId };
  history.replaceState(null, "", back || "/");
  const params = oauth.validateAuthResponse(as, client, here, state);
  const options = requestOptions(new URL(cfg.issuer));
  const res = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    verifier as string,
    options,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce });
  sessionStorage.setItem(SIGNED_IN, "1");
  return sessionFrom(cfg, as, client, tokens);
}

function sessionFrom(
  cfg: Oidc,
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  tokens: oauth.TokenEndpointResponse,
  idToken = tokens.id_token,
): Session {
  const { exp, ...user } = claimsOf(tokens.access_token);
  const expiresAt = tokens.expires_in ? Date.now() + tokens.expires_in * 1000 : exp * 1000;
  const refresh = tokens.refresh_token;
  return {
    token: tokens.access_token,
    expiresAt,
    user,
    via: "oidc",
    renew: refresh
      ? async () => {
          const res = await oauth.refreshTokenGrantRequest(
            as,
            client,
            oauth.None(),
            refresh,
            requestOptions(new URL(cfg.issuer)),
          );
          const next = await oauth.processRefreshTokenResponse(as, client, res);
          return sessionFrom(cfg, as, client, next, next.id_token ?? idToken);
        }
      : undefined,
    end: () => {
      sessionStorage.removeItem(SIGNED_IN);
      if (!as.end_session_endpoint) return;
      // RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the provider ends its session too.
      const url = new URL(as.end_session_endpoint);
      if (idToken) url.searchParams.set("id_token_hint", idToken);
      url.searchParams.set("client_id", cfg.clientId);
      url.searchParams.set("post_logout_redirect_uri", redirectUri());
      location.assign(url);
    },
  };
}
