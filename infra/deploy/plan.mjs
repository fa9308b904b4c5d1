// `node infra/deploy/plan.mjs`: prints what a deploy needs — databases, queues, R2 buckets, Durable Object
// migrations, cron triggers, secrets per worker — in the order the deploy runs.
import { DEPLOY_ORDER, resources, workerConfigs } from "./workers.mjs";

const workers = workerConfigs();
const r = resources(workers);
console.log(
  "D1 databases (each service's DB, and one per county for the sharded cases read model and assessment facts;" +
    " each gets its service's migrations remotely before the worker deploys):",
);
for (const name of r.d1) console.log(`  ${name}`);
console.log("Queues (including dead-letter queues):");
for (const name of r.queues) console.log(`  ${name}`);
console.log("R2 buckets:");
for (const name of r.buckets) console.log(`  ${name}`);
console.log("Durable Object migrations (classes are created by the deploy that carries the tag):");
for (const m of r.durableObjects) console.log(`  ${m.worker}: ${m.tag} new_sqlite_classes=${m.classes.join(",")}`);
console.log("Cron triggers:");
for (const c of r.crons) console.log(`  ${c.worker}: ${c.cron}`);
console.log("Secrets to set with `wrangler secret put` (per worker):");
for (const w of workers) if (w.secrets.length) console.log(`  ${w.config.name}: ${w.secrets.join(", ")}`);
console.log(`Deploy order: ${DEPLOY_ORDER.join(" → ")}`);
