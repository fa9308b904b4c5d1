declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    INTERNAL_TOKEN_SECRET: string;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
