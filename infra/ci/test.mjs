// `npm test`: the format check (Prettier), then typecheck, lint and every package's and service's suite through turbo (two at a time,
// for 2-core machines), then the end-to-end suite against the real system, then one line counting
// every test of every suite ("Tests: N passed, N failed, N skipped"). Between them, a deploy dry-run
// bundles every worker and checks its size.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reports = path.join(root, ".reports");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const env = {
  ...process.env,
  CIVICGRID_TEST_REPORTS: reports,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/**
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 */
function run(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  console.log(
    `== ${label}: ${result.status === 0 ? "ok" : `failed (exit ${result.status})`} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return result.status === 0;
}

const turbo = path.join(root, "node_modules", ".bin", "turbo");
const shardsOk = run("county shards: wrangler.toml bindings match infra/shards/counties.json", "node", [
  "infra/shards/generate.mjs",
  "--check",
]);
const formatOk =
  shardsOk &&
  run("format: prettier --check (npm run format writes it)", path.join(root, "node_modules", ".bin", "prettier"), [
    "--check",
    "--log-level=warn",
    ".",
  ]);
const unitOk =
  formatOk &&
  run("types, lint, unit and service suites", turbo, [
    "run",
    "check:types",
    "check:lint",
    "test",
    "--concurrency=2",
    "--output-logs=errors-only",
  ]);
const bundleOk =
  unitOk &&
  run("deploy dry-run: every worker bundles, each under 1 MiB gzipped", "npm", ["run", "-s", "deploy:dry-run"]);
const e2eOk = bundleOk && run("end-to-end suite", "npm", ["run", "e2e", "--workspace", "e2e"]);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.readdirSync(reports).filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(fs.readFileSync(path.join(reports, file), "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `   ${file.replace(/\.json$/, "").padEnd(28)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
  );
}
if (!formatOk || !unitOk || !bundleOk || !e2eOk) failed = Math.max(failed, 1);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(formatOk && unitOk && bundleOk && e2eOk && failed === 0 ? 0 : 1);
