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

/**
 * Every file the demo SQL is made from: when none changed, the SQL written last time still holds.
 * @param {string} secret
 */
function demoInputsHash(secret) {
  const hash = createHash("sha256").update(secret);
  const roots = [
    path.join(ROOT, "packages", "demo-data", "src"),
    path.join(ROOT, "packages", "demo-data", "data"),
    path.join(ROOT, "infra", "local", "demo-sql.ts"),
  ];
  for (const service of SERVICES)
    roots.push(path.join(ROOT, "services", service, "seed"), path.join(ROOT, "services", service, "migrations"));
  const files = roots.flatMap((r) => {
    if (!fs.existsSync(r)) return [];
    if (!fs.statSync(r).isDirectory()) return [r];
    return fs.readdirSync(r, { recursive: true, encoding: "utf8" }).map((f) => path.join(r, f));
  });
  for (const file of files.filter((f) => fs.statSync(f).isFile()).sort())
    hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** Writes the demo SQL (unless its inputs are unchanged); the roster's seed encrypts personal data with this machine's PII_KEY. */
export async function generateDemo() {
  const { PII_KEY } = await loadDevSecrets();
  const inputsFile = path.join(DEMO_DIR, "inputs.sha256");
  const inputs = demoInputsHash(PII_KEY);
  if (fs.existsSync(inputsFile) && fs.readFileSync(inputsFile, "utf8") === inputs) {
    console.log("  demo data unchanged since last generated");
    return;
  }
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [path.join(ROOT, "infra", "local", "demo-sql.ts"), DEMO_DIR], {
    cwd: ROOT,
    env: { ...OFFLINE_ENV, PII_KEY },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("demo data generation failed");
  fs.writeFileSync(inputsFile, inputs);
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
    wranglerSync(["d1", "execute", "DB", "--local", "--yes", "-c", config, "--persist-to", stateDir, "--file", file], {
      quiet: true,
    });
    loaded[service] = hash;
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(markerFile, JSON.stringify(loaded, null, 2));
    console.log(`  demo data loaded: ${service}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await seedAll(process.argv[2] ?? STATE_DIR);
