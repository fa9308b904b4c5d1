// Applies every service's D1 migrations to the local state (what `wrangler d1 migrations apply --remote`
// does at deploy, here against .wrangler/state).
import path from "node:path";
import { ROOT, SERVICES, STATE_DIR } from "./env.mjs";
import { wranglerSync } from "./wrangler.mjs";

export function migrateAll(stateDir = STATE_DIR) {
  for (const service of SERVICES) {
    const config = path.join(ROOT, "services", service, "wrangler.toml");
    wranglerSync(["d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", stateDir], {
      quiet: true,
    });
    console.log(`  migrations applied: ${service}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) migrateAll(process.argv[2] ?? STATE_DIR);
