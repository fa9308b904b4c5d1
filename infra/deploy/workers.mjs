// The deployable workers and what their wrangler.toml files ask of Cloudflare, read from the files
// themselves so that provisioning and deploy never drift from the configuration.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { ROOT, SERVICES } from "../local/env.mjs";

/** Deploy order: a worker goes after every worker it binds to, the gateway last. */
export const DEPLOY_ORDER = ["roster", "registry", "cases", "notifications", "assessments", "integrations", "gateway"];

export function workerConfigs() {
  const missing = SERVICES.filter((s) => !DEPLOY_ORDER.includes(s));
  if (missing.length) throw new Error(`no deploy order for ${missing.join(", ")}: add them to DEPLOY_ORDER`);
  const files = { gateway: path.join(ROOT, "wrangler.toml"), ...Object.fromEntries(SERVICES.map((s) => [s, path.join(ROOT, "services", s, "wrangler.toml")])) };
  return DEPLOY_ORDER.map((key) => {
    const file = files[key];
    const config = parse(fs.readFileSync(file, "utf8"));
    const example = path.join(path.dirname(file), ".dev.vars.example");
    const secrets = fs.existsSync(example)
      ? [...fs.readFileSync(example, "utf8").matchAll(/^([A-Z_]+)=\$\{/gm)].map((m) => m[1])
          // Development-only keys and plain [vars] of the config are not secrets to set.
          .filter((n) => n !== "DEV_ISSUER_JWKS" && !(n in (config.vars ?? {})))
      : [];
    return { key, file, config, secrets };
  });
}

/** Every Cloudflare resource the workers need, deduplicated. */
export function resources(workers = workerConfigs()) {
  const d1 = new Set();
  const queues = new Set();
  const durableObjects = [];
  const crons = [];
  for (const { key, config } of workers) {
    for (const db of config.d1_databases ?? []) d1.add(db.database_name);
    for (const q of config.queues?.producers ?? []) queues.add(q.queue);
    for (const q of config.queues?.consumers ?? []) {
      queues.add(q.queue);
      if (q.dead_letter_queue) queues.add(q.dead_letter_queue);
    }
    for (const m of config.migrations ?? []) durableObjects.push({ worker: key, tag: m.tag, classes: m.new_sqlite_classes ?? [] });
    for (const c of config.triggers?.crons ?? []) crons.push({ worker: key, cron: c });
  }
  return { d1: [...d1], queues: [...queues], durableObjects, crons };
}
