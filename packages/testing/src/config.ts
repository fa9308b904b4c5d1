export * from "./constants.ts";
export { reporters } from "@civicgrid/test-reporters";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { defineConfig } from "vitest/config";
import { TEST_INTERNAL_SECRET } from "./constants.ts";
import { reporters } from "@civicgrid/test-reporters";

type PoolOptions = Parameters<typeof cloudflareTest>[0];
type Miniflare = NonNullable<Exclude<PoolOptions, (...args: never[]) => unknown>["miniflare"]>;

/** Suites that need no runtime (pure domain rules, the schema-drift check) live in `test/node` and run in Node. */
const NODE_TESTS = "test/node/**/*.test.ts";

type ServiceTestOptions = {
  wranglerPath?: string;
  miniflare?: Miniflare;
  setupFiles?: string[];
  /** Where `test/` lives, when it is not `dir` (a package tested through a fixture worker in `dir`). */
  root?: string;
};

/** The D1 bindings a wrangler.toml declares: `DB` and, for a sharded service, one per county (issue 17). */
function d1BindingsOf(wranglerPath: string): string[] {
  const config = parse(fs.readFileSync(wranglerPath, "utf8")) as { d1_databases?: { binding: string }[] };
  return (config.d1_databases ?? []).map((d) => d.binding);
}

/**
 * The vitest config of a service, as two projects: `node` for `test/node` (plain functions, fast, no workerd)
 * and `workers`, the Workers integration over the service's own wrangler.toml with its D1 migrations handed
 * to the setup file and the test-only internal secret, for everything that needs the runtime.
 */
export function serviceTestConfig(dir: string, options: ServiceTestOptions = {}) {
  const root = options.root ?? dir;
  return defineConfig(async () => {
    const migrationsDir = path.join(dir, "migrations");
    const migrations = await readD1Migrations(migrationsDir).catch(() => []);
    const hasNodeTests = fs.existsSync(path.join(root, "test", "node"));
    const wranglerPath = options.wranglerPath ?? path.join(dir, "wrangler.toml");
    const workers = {
      plugins: [
        cloudflareTest({
          remoteBindings: false,
          wrangler: { configPath: wranglerPath },
          miniflare: {
            ...options.miniflare,
            bindings: {
              TEST_MIGRATIONS: migrations,
              // Every D1 binding, for the setup file to migrate each (the county shards have the same schema).
              TEST_D1_BINDINGS: d1BindingsOf(wranglerPath),
              INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
              ...options.miniflare?.bindings,
            },
          },
        }),
      ],
      test: {
        name: "workers",
        root,
        include: ["test/**/*.test.ts"],
        exclude: [NODE_TESTS],
        setupFiles: options.setupFiles ?? [path.join(root, "test", "setup.ts")],
        testTimeout: 20_000,
      },
    };
    const node = { test: { name: "node", root, include: [NODE_TESTS], environment: "node" as const } };
    return {
      test: {
        projects: hasNodeTests ? [node, workers] : [workers],
        silent: "passed-only" as const,
        reporters: reporters(path.relative(path.resolve(import.meta.dirname, "../../.."), root)),
      },
    };
  });
}
