// Types of `env` and `exports` inside tests: the service's bindings plus what the test setup injects.
type ServiceTestEnv = import("../src/env").Env & {
  TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  /** Every D1 binding of wrangler.toml (DB and the county shards), from @civicgrid/testing/config. */
  TEST_D1_BINDINGS: string[];
};

declare namespace Cloudflare {
  interface Env extends ServiceTestEnv {}
  interface GlobalProps {
    mainModule: typeof import("../src/index");
  }
}
