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
  "soak-short",
  "city-years",
];
// Runnable by name only (`npm run bench -- soak`): the long soak (2 min mixed, 5 min reads only) takes ~12 minutes;
// the default list runs the same script shorter (`soak-short`: memory per phase, 90 s of reads only).
const extra = ["soak"];
/** Benchmarks that run another's script with parameters: name → [script, environment]. */
/** @type {Record<string, [string, Record<string, string>]>} */
const variants = {
  "soak-short": ["soak", { SOAK_HELD_S: "30", SOAK_READ_HELD_S: "90", SOAK_BARE_DOS: "1000" }],
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
const tsx = path.join(root, "node_modules", ".bin", "tsx");
let failed = 0;
for (const name of chosen) {
  const [script, params] = variants[name] ?? [name, /** @type {Record<string, string>} */ ({})];
  const file = path.join(here, `${script}.ts`);
  if (!fs.existsSync(file)) {
    console.error(`no benchmark ${name}; known: ${[...new Set([...all, ...extra])].join(", ")}`);
    failed++;
    continue;
  }
  console.log(`\n=== ${name} (${new Date().toISOString()})`);
  const result = spawnSync(tsx, [file], {
    cwd: root,
    stdio: "inherit",
    // The caller's environment wins, so SOAK_READ_HELD_S=300 npm run bench -- soak-short lengthens it.
    // X_LOCAL_OBSERVABILITY: wrangler's local trace collector off (it stores every invocation's trace in SQLite on
    // workerd's one thread: a local cost, not production's); the caller may turn it back on.
    env: {
      X_LOCAL_OBSERVABILITY: "false",
      ...params,
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    },
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
