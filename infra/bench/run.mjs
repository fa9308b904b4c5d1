// `npm run bench [-- name ...]`: runs the benchmarks (all, or those named) one after another and
// prints their figures. Benchmarks are not tests: they assert nothing about speed, they measure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const all = [
  "registry-lookup",
  "cases-sweep",
  "assessments-ranking",
  "cases-gateway",
  "basedata-village",
  "basedata-identity",
  "basedata-import",
  "disputes-queries",
  "disputes-commands",
  "assessments-indicators",
  "cases-nearby",
  "hotspots-analysis",
  "cases-archive",
];
// Runnable by name only (`npm run bench -- soak`): it takes minutes, so it is not in the default list.
const extra = ["soak"];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
const tsx = path.join(root, "node_modules", ".bin", "tsx");
let failed = 0;
for (const name of chosen) {
  const file = path.join(here, `${name}.ts`);
  if (!fs.existsSync(file)) {
    console.error(`no benchmark ${name}; known: ${[...all, ...extra].join(", ")}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name} (${new Date().toISOString()})`);
  const result = spawnSync(tsx, [file], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
