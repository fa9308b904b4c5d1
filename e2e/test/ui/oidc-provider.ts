// A small OpenID Provider on this machine for the browser test of the console's production sign-in: discovery,
// authorization (approving the user the test names), the token endpoint with PKCE (S256) checked, refresh, JWKS and
// RP-initiated logout. Its ID tokens are its own (ES256, its issuer); the access tokens it hands out are the local dev
// issuer's, which the gateway under test trusts, as a real deployment's gateway trusts its provider's.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
// @ts-expect-error -- plain JS module of the local tooling
import { mintDevToken } from "../../../infra/local/token.mjs";

export interface TestProvider {
  issuer: string;
  /** The user the next authorization approves (the test plays the person at the provider's sign-in page). */
  approve(sub: string): void;
  /** What the provider saw: grants made, PKCE refusals, logouts. */
  seen: { codeGrants: number; refreshGrants: number; pkceRefused: number; logouts: number };
  close(): Promise<void>;
}

export async function startProvider({ accessTtl = 3600 }: { accessTtl?: number } = {}): Promise<TestProvider> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-op-1", alg: "ES256", use: "sig" };
  const codes = new Map<string, { sub: string; challenge: string; nonce: string; redirect: string; client: string }>();
  const refreshes = new Map<string, string>();
  const seen = { codeGrants: 0, refreshGrants: 0, pkceRefused: 0, logouts: 0 };
  let next = "";
  let issuer = "";

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const cors = { "access-control-allow-origin": req.headers.origin ?? "*", "cache-control": "no-store" };
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", ...cors });
      res.end(JSON.stringify(body));
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "access-control-allow-headers": "content-type, authorization, dpop" });
      return res.end();
    }
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["ES256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["none"],
        grant_types_supported: ["authorization_code", "refresh_token"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      const q = url.searchParams;
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256" || !q.get("code_challenge"))
        return json(400, { error: "invalid_request" });
      const redirect = new URL(q.get("redirect_uri") ?? "");
      if (q.get("prompt") === "none" && !next) {
        redirect.searchParams.set("error", "login_required");
      } else {
        const code = randomBytes(16).toString("base64url");
        codes.set(code, {
          sub: next,
          challenge: q.get("code_challenge") ?? "",
          nonce: q.get("nonce") ?? "",
          redirect: redirect.href,
          client: q.get("client_id") ?? "",
        });
        redirect.searchParams.set("code", code);
      }
      redirect.searchParams.set("state", q.get("state") ?? "");
      redirect.searchParams.set("iss", issuer);
      res.writeHead(302, { location: redirect.href });
      return res.end();
    }
    if (url.pathname === "/logout") {
      seen.logouts++;
      next = "";
      res.writeHead(302, { location: url.searchParams.get("post_logout_redirect_uri") ?? "/" });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        void grant(form).then(([status, answer]) => json(status, answer));
      });
      return;
    }
    json(404, { error: "not_found" });
  });

  async function grant(form: URLSearchParams): Promise<[number, unknown]> {
    if (form.get("grant_type") === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!code || code.redirect !== form.get("redirect_uri") || code.client !== form.get("client_id"))
        return [400, { error: "invalid_grant" }];
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      if (challenge !== code.challenge) {
        seen.pkceRefused++;
        return [400, { error: "invalid_grant", error_description: "PKCE verification failed" }];
      }
      seen.codeGrants++;
      const refresh = randomBytes(16).toString("base64url");
      refreshes.set(refresh, code.sub);
      return [200, await tokens(code.sub, code.client, code.nonce, refresh)];
    }
    if (form.get("grant_type") === "refresh_token") {
      const sub = refreshes.get(form.get("refresh_token") ?? "");
      if (!sub) return [400, { error: "invalid_grant" }];
      refreshes.delete(form.get("refresh_token") ?? "");
      seen.refreshGrants++;
      const refresh = randomBytes(16).toString("base64url");
      refreshes.set(refresh, sub);
      return [200, await tokens(sub, form.get("client_id") ?? "", undefined, refresh)];
    }
    return [400, { error: "unsupported_grant_type" }];
  }

  async function tokens(sub: string, client: string, nonce: string | undefined, refresh: string) {
    const idToken = await new SignJWT(nonce ? { nonce } : {})
      .setProtectedHeader({ alg: "ES256", kid: jwk.kid })
      .setIssuer(issuer)
      .setSubject(sub)
      .setAudience(client)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey as CryptoKey);
    return {
      access_token: (await mintDevToken(sub, accessTtl)) as string,
      token_type: "Bearer",
      expires_in: accessTtl,
      id_token: idToken,
      refresh_token: refresh,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    approve: (sub) => void (next = sub),
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
