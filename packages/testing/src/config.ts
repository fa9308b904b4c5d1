export * from "./constants.ts";
export { reporters } from "@civicgrid/test-reporters";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_INTERNAL_SECRET } from "./constants.ts";
import { reporters } from "@civicgrid/test-reporters";

type PoolOptions = Parameters<typeof cloudflareTest>[0];
type Miniflare = NonNullable<Exclude<PoolOptions, (...args: never[]) => unknown>["miniflare"]>;

/**
 * The vitest config of a service: the Workers integration over the service's own wrangler.toml,
 * its D1 migrations handed to the setup file, and the test-only internal secret.
 */
export function serviceTestConfig(dir: string, options: { wranglerPath?: string; miniflare?: Miniflare; setupFiles?: string[] } = {}) {
  return defineConfig(async () => {
    const migrationsDir = path.join(dir, "migrations");
    const migrations = await readD1Migrations(migrationsDir).catch(() => []);
    return {
      plugins: [
        cloudflareTest({
          remoteBindings: false,
          wrangler: { configPath: options.wranglerPath ?? path.join(dir, "wrangler.toml") },
          miniflare: {
            ...options.miniflare,
            bindings: { TEST_MIGRATIONS: migrations, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET, ...options.miniflare?.bindings },
          },
        }),
      ],
      test: {
        setupFiles: options.setupFiles ?? [path.join(dir, "test", "setup.ts")],
        testTimeout: 20_000,
        silent: "passed-only" as const,
        reporters: reporters(path.relative(path.resolve(import.meta.dirname, "../../.."), dir)),
      },
    };
  });
}
