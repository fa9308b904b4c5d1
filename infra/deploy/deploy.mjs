// `node infra/deploy/deploy.mjs --env production [--dry-run]`: applies every service's D1 migrations
// remotely first (a new column exists before code that reads it) to every database it binds (`DB` and, for the
// sharded services, each county's: the same migrations, issue 17), then deploys the workers in
// dependency order, the gateway last. Each config is deployed from a copy with the real database
// ids from ids.<env>.json. With --dry-run it only bundles (no account needed) and reports sizes.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "smol-toml";
import { gzipSync } from "node:zlib";
import { buildApps, printBudgets } from "../../services/console/build.mjs";
import { ROOT } from "../local/env.mjs";
import { wranglerSucceeds, wranglerSync } from "../local/wrangler.mjs";
import { laterBindings, workerConfigs } from "./workers.mjs";

const args = process.argv.slice(2);
const env = args.includes("--env") ? args[args.indexOf("--env") + 1] : "production";
const dryRun = args.includes("--dry-run");
const here = path.dirname(fileURLToPath(import.meta.url));
const idsFile = path.join(here, `ids.${env}.json`);
if (!dryRun && !fs.existsSync(idsFile)) throw new Error(`run provision.mjs --env ${env} first (no ${idsFile})`);
const ids = dryRun ? {} : JSON.parse(fs.readFileSync(idsFile, "utf8"));

/**
 * A copy of the worker's config beside the original (so relative paths still resolve), with real ids, and without
 * the service bindings named in `without` (bindings to workers that do not exist yet).
 * @param {import("./workers.mjs").Worker} worker
 * @param {string[]} [without] binding names left out
 */
function deployConfig({ key, file, config }, without = []) {
  const copy = structuredClone(config);
  if (copy.services) copy.services = copy.services.filter((s) => !without.includes(s.binding));
  for (const db of copy.d1_databases ?? []) {
    if (!dryRun) {
      if (!ids[db.database_name]) throw new Error(`no id for database ${db.database_name} in ${idsFile}`);
      db.database_id = ids[db.database_name];
    }
  }
  const out = path.join(path.dirname(file), `.wrangler.deploy.${key}.toml`);
  fs.writeFileSync(out, stringify(copy));
  return out;
}

const workers = workerConfigs();
if (!dryRun) {
  for (const w of workers) {
    if (!w.config.d1_databases?.length) continue;
    // The copy with the real database ids: wrangler finds each binding's remote database by its id.
    const config = deployConfig(w);
    try {
      for (const db of w.config.d1_databases) {
        console.log(`migrations (remote): ${w.config.name} ${db.binding} (${db.database_name})`);
        wranglerSync(["d1", "migrations", "apply", db.binding, "--remote", "-c", config]);
      }
    } finally {
      fs.rmSync(config, { force: true });
    }
  }
}
// The screens are built for production before their worker is bundled: without the development sign-in, and each
// app's first-load JavaScript within its budget (issue 18).
const consoleDist = path.join(ROOT, "services", "console", "dist");
const budgetsOk = printBudgets(await buildApps({ mode: "production", outdir: consoleDist }));
const devLeft = fs
  .readdirSync(path.join(consoleDist, "assets"))
  .filter(
    (f) => f.endsWith(".js") && fs.readFileSync(path.join(consoleDist, "assets", f), "utf8").includes("/dev/token"),
  );
if (devLeft.length) throw new Error(`the production build still holds the development sign-in: ${devLeft.join(", ")}`);
if (!budgetsOk) {
  console.error("over a screen's first-load JavaScript budget (services/console/build.mjs BUDGETS)");
  process.exit(1);
}

/** @type {{ worker: string, raw: number, gzip: number }[]} */
const sizes = [];
/** @type {import("./workers.mjs").Worker[]} Deployed without a binding to a worker not up yet: again once it is. */
const again = [];
for (const w of workers) {
  // A first deploy of a worker that binds to one deployed later (DEPLOY_ORDER's cycle) goes without that binding.
  const missing = dryRun
    ? []
    : laterBindings(w, workers).filter((s) => !wranglerSucceeds(["deployments", "status", "--name", s.service]));
  if (missing.length > 0) {
    console.log(`${w.config.name}: first deployed without ${missing.map((s) => s.binding).join(", ")} (not yet up)`);
    deployOne(
      w,
      missing.map((s) => s.binding),
    );
    again.push(w);
  } else deployOne(w);
}
for (const w of again) deployOne(w);

/**
 * Bundles (dry run) or deploys one worker from a copy of its config, and records its size.
 * @param {import("./workers.mjs").Worker} w
 * @param {string[]} [without] service bindings left out of this deploy
 */
function deployOne(w, without = []) {
  const config = deployConfig(w, without);
  try {
    const outdir = path.join(ROOT, ".deploy", w.key);
    fs.rmSync(outdir, { recursive: true, force: true });
    wranglerSync(["deploy", "-c", config, "--outdir", outdir, ...(dryRun ? ["--dry-run"] : [])], { quiet: true });
    const size = bundleSize(outdir);
    sizes.push({ worker: w.config.name, ...size });
    console.log(
      `${dryRun ? "bundled" : "deployed"}: ${w.config.name.padEnd(24)} ${kib(size.raw)} KiB, gzip ${kib(size.gzip)} KiB`,
    );
  } finally {
    fs.rmSync(config, { force: true });
  }
}

const tooBig = sizes.filter((s) => s.gzip > 1024 * 1024);
if (tooBig.length) {
  console.error(`over the 1 MiB gzip budget: ${tooBig.map((s) => `${s.worker} ${kib(s.gzip)} KiB`).join(", ")}`);
  process.exit(1);
}

/**
 * What the worker uploads: every module of the bundle (source maps are not uploaded as code).
 * @param {string} dir
 */
function bundleSize(dir) {
  let raw = 0;
  let gzip = 0;
  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith(".map") || file === "README.md") continue;
    const bytes = fs.readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** @param {number} bytes */
function kib(bytes) {
  return (bytes / 1024).toFixed(1);
}
