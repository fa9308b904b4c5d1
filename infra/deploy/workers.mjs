// The deployable workers and what their wrangler.toml files ask of Cloudflare, read from the files
// themselves so that provisioning and deploy never drift from the configuration.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { FRONTENDS, ROOT, SERVICES } from "../local/env.mjs";

/**
 * The fields of a wrangler.toml that provisioning and deploy read (the parsed file keeps all the others).
 * @typedef {object} WranglerConfig
 * @property {string} name
 * @property {Record<string, string>} [vars]
 * @property {{ binding: string, database_name: string, database_id?: string }[]} [d1_databases]
 * @property {{ producers?: { queue: string }[], consumers?: QueueConsumer[] }} [queues]
 * @property {{ tag: string, new_sqlite_classes?: string[] }[]} [migrations]
 * @property {{ binding: string, bucket_name: string }[]} [r2_buckets]
 * @property {{ crons?: string[] }} [triggers]
 * @property {{ binding: string, service: string }[]} [services]
 */

/** @typedef {{ queue: string, dead_letter_queue?: string }} QueueConsumer */

/** @typedef {{ key: string, file: string, config: WranglerConfig, secrets: string[] }} Worker */

/**
 * Deploy order: a worker goes after every worker it binds to, the gateway last, with one cycle: cases binds basedata
 * (a dispute's parties are resolved in base data) and basedata binds cases (a visit's needs open cases). Cloudflare
 * refuses a binding to a worker that does not exist yet, so on a first deploy deploy.mjs deploys cases without its
 * BASEDATA binding and again with it once basedata is up (see `laterBindings`).
 */
export const DEPLOY_ORDER = [
  "roster",
  "registry",
  // Binds to roster and registry, and to basedata (deployed later: the cycle above).
  "cases",
  "notifications",
  "assessments",
  "integrations",
  // Binds to registry, roster and cases; the gateway binds to it.
  "basedata",
  // The screens (issue 18): no bindings of its own; the gateway forwards pages to it.
  "console",
  "gateway",
];

/**
 * The service bindings of a worker to workers deployed after it (the cycle of DEPLOY_ORDER's comment).
 * @param {Worker} worker
 * @param {Worker[]} workers in deploy order
 */
export function laterBindings(worker, workers) {
  const after = workers.slice(workers.indexOf(worker) + 1).map((w) => w.config.name);
  return (worker.config.services ?? []).filter((s) => after.includes(s.service));
}

/** @returns {Worker[]} */
export function workerConfigs() {
  const missing = [...SERVICES, ...FRONTENDS].filter((s) => !DEPLOY_ORDER.includes(s));
  if (missing.length) throw new Error(`no deploy order for ${missing.join(", ")}: add them to DEPLOY_ORDER`);
  /** @type {Record<string, string>} */
  const files = {
    gateway: path.join(ROOT, "wrangler.toml"),
    ...Object.fromEntries([...SERVICES, ...FRONTENDS].map((s) => [s, path.join(ROOT, "services", s, "wrangler.toml")])),
  };
  return DEPLOY_ORDER.map((key) => {
    const file = /** @type {string} */ (files[key]);
    const config = /** @type {WranglerConfig} */ (parse(fs.readFileSync(file, "utf8")));
    const example = path.join(path.dirname(file), ".dev.vars.example");
    const secrets = fs.existsSync(example)
      ? [...fs.readFileSync(example, "utf8").matchAll(/^([A-Z_]+)=\$\{/gm)]
          .map((m) => /** @type {string} */ (m[1]))
          // Development-only keys (DEV_*) and plain [vars] of the config are not secrets to set.
          .filter((n) => !n.startsWith("DEV_") && !(n in (config.vars ?? {})))
      : [];
    return { key, file, config, secrets };
  });
}

/**
 * Every Cloudflare resource the workers need, deduplicated.
 * @param {Worker[]} [workers]
 */
export function resources(workers = workerConfigs()) {
  /** @type {Set<string>} */
  const d1 = new Set();
  /** @type {Set<string>} */
  const queues = new Set();
  /** @type {{ worker: string, tag: string, classes: string[] }[]} */
  const durableObjects = [];
  /** @type {{ worker: string, cron: string }[]} */
  const crons = [];
  /** @type {Set<string>} */
  const buckets = new Set();
  for (const { key, config } of workers) {
    for (const db of config.d1_databases ?? []) d1.add(db.database_name);
    for (const q of config.queues?.producers ?? []) queues.add(q.queue);
    for (const q of config.queues?.consumers ?? []) {
      queues.add(q.queue);
      if (q.dead_letter_queue) queues.add(q.dead_letter_queue);
    }
    for (const m of config.migrations ?? [])
      durableObjects.push({ worker: key, tag: m.tag, classes: m.new_sqlite_classes ?? [] });
    for (const c of config.triggers?.crons ?? []) crons.push({ worker: key, cron: c });
    for (const b of config.r2_buckets ?? []) buckets.add(b.bucket_name);
  }
  return { d1: [...d1], queues: [...queues], durableObjects, crons, buckets: [...buckets] };
}
