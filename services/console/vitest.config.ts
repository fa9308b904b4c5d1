import { reporters } from "@civicgrid/test-reporters";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { exportJWK, generateKeyPair } from "jose";
import path from "node:path";
import { defineConfig } from "vitest/config";
// @ts-expect-error -- plain JS build script
import { buildApps } from "./build.mjs";

/**
 * The console worker under the Workers integration with its real wrangler.toml and the app built for development
 * (so the sign-in picker's endpoints are exercised with a key made fresh per run, as `npm run dev` sets them).
 */
export default defineConfig(async () => {
  await buildApps({ mode: "development", quiet: true });
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  return {
    plugins: [
      cloudflareTest({
        remoteBindings: false,
        wrangler: { configPath: path.join(import.meta.dirname, "wrangler.toml") },
        miniflare: {
          bindings: {
            DEV_ISSUER_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid: "dev-test", alg: "ES256" }),
            DEV_USERS: JSON.stringify([
              { sub: "demo-county-agency-440703", name: "县级中心（演示）", roles: ["agency"], divisionCode: "440703" },
            ]),
            DEV_TOKEN_ISSUER: "http://127.0.0.1:8787/dev",
            DEV_TOKEN_AUDIENCE: "civicgrid-api",
          },
        },
      }),
    ],
    test: { testTimeout: 20_000, silent: "passed-only" as const, reporters: reporters("services/console") },
  };
});
