// Loads the demo data into the local D1 databases. The SQL comes from each service's own seed module
// (services/<name>/seed/demo.ts) fed by the deterministic generator in packages/demo-data; it is
// regenerated and reloaded only when it changed, and written with INSERT OR IGNORE so that local
// edits survive a restart.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEV_DIR, OFFLINE_ENV, ROOT, SERVICES, STATE_DIR } from "./env.mjs";
import { loadDevSecrets } from "./secrets.mjs";
import { wranglerSync } from "./wrangler.mjs";

const DEMO_DIR = path.join(DEV_DIR, "demo");

/** Writes the demo SQL; the roster's seed encrypts personal data with this machine's PII_KEY. */
export async function generateDemo() {
  const { PII_KEY } = await loadDevSecrets();
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [path.join(ROOT, "infra", "local", "demo-sql.ts"), DEMO_DIR], { cwd: ROOT, env: { ...OFFLINE_ENV, PII_KEY }, stdio: "inherit" });
  if (result.status !== 0) throw new Error("demo data generation failed");
}

export async function seedAll(stateDir = STATE_DIR) {
  await generateDemo();
  const markerFile = path.join(stateDir, "demo-loaded.json");
  const loaded = fs.existsSync(markerFile) ? JSON.parse(fs.readFileSync(markerFile, "utf8")) : {};
  for (const service of SERVICES) {
    const file = path.join(DEMO_DIR, `${service}.sql`);
    if (!fs.existsSync(file)) continue;
    const hash = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    if (loaded[service] === hash) {
      console.log(`  demo data current: ${service}`);
      continue;
    }
    const config = path.join(ROOT, "services", service, "wrangler.toml");
    wranglerSync(["d1", "execute", "DB", "--local", "--yes", "-c", config, "--persist-to", stateDir, "--file", file], { quiet: true });
    loaded[service] = hash;
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(markerFile, JSON.stringify(loaded, null, 2));
    console.log(`  demo data loaded: ${service}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await seedAll(process.argv[2] ?? STATE_DIR);
