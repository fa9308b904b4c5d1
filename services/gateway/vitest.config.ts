import { reporters } from "@civicgrid/test-reporters";
// A relative path with its extension: Node loads this config, and the testing package's index needs workerd.
import {
  TEST_AUDIENCE,
  TEST_INTERNAL_SECRET,
  TEST_ISSUER,
  TEST_JWKS_URL,
} from "../../packages/testing/src/constants.ts";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { exportJWK, generateKeyPair } from "jose";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { OUTAGE_HOST, outageIdp } from "./test/outage-idp";
import { stubServiceScript } from "./test/stub-service";

/**
 * The gateway under the Workers integration, with its real wrangler.toml. The identity provider is
 * played by Node: keys made fresh per run, the JWKS served through `outboundService` (no network).
 * Each service binding points at a small recording worker so forwarding can be asserted exactly.
 * A second, failing identity provider (test/outage-idp.ts) plays the ways a JWKS fetch can fail.
 */
export default defineConfig(async () => {
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const ec = await generateKeyPair("ES256", { extractable: true });
  const rogue = await generateKeyPair("RS256", { extractable: true });
  const rsaPublic = { ...(await exportJWK(rsa.publicKey)), kid: "rsa-1", alg: "RS256", use: "sig" };
  const ecPublic = { ...(await exportJWK(ec.publicKey)), kid: "ec-1", alg: "ES256", use: "sig" };
  const jwks = JSON.stringify({ keys: [rsaPublic, ecPublic] });
  const names = ["registry", "roster", "cases", "notifications", "assessments", "integrations", "basedata"];
  return {
    plugins: [
      cloudflareTest({
        remoteBindings: false,
        wrangler: { configPath: path.join(import.meta.dirname, "../../wrangler.toml") },
        miniflare: {
          bindings: {
            INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
            AUTH_ISSUER: TEST_ISSUER,
            AUTH_AUDIENCE: TEST_AUDIENCE,
            AUTH_JWKS_URL: TEST_JWKS_URL,
            CORS_ORIGINS: "https://console.example.cn",
            MAX_BODY_BYTES: "2048",
            // As deployed (the tests that want it on say so), whatever a local `npm run dev` wrote into .dev.vars.
            SERVER_TIMING: "off",
            TEST_KEYS: JSON.stringify({
              rsa: { ...(await exportJWK(rsa.privateKey)), kid: "rsa-1", alg: "RS256" },
              ec: { ...(await exportJWK(ec.privateKey)), kid: "ec-1", alg: "ES256" },
              rogue: { ...(await exportJWK(rogue.privateKey)), kid: "rogue-1", alg: "RS256" },
              rsaPublic,
            }),
          },
          outboundService: (request: Request) => {
            if (request.url === TEST_JWKS_URL)
              return new Response(jwks, { headers: { "content-type": "application/json" } });
            if (new URL(request.url).host === OUTAGE_HOST) return outageIdp(request, jwks);
            return new Response("no network in tests", { status: 599 });
          },
          serviceBindings: Object.fromEntries(
            [...names, "console"].map((n) => [n.toUpperCase(), { name: `stub-${n}` }]),
          ),
          workers: [...names, "console"].map((n) => ({
            name: `stub-${n}`,
            modules: true,
            compatibilityDate: "2026-10-01",
            script: stubServiceScript(n),
          })),
        },
      }),
    ],
    test: { testTimeout: 20_000, silent: "passed-only" as const, reporters: reporters("services/gateway") },
  };
});
