// `node infra/deploy/provision.mjs --env production`: creates the D1 databases, queues and R2 buckets the
// workers need (skipping what exists), and records the database ids in infra/deploy/ids.<env>.json,
// which deploy.mjs writes into the configs it deploys. Needs CLOUDFLARE_API_TOKEN and
// CLOUDFLARE_ACCOUNT_ID. Secrets are set separately (see plan.mjs) and never stored here.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { wranglerSync } from "../local/wrangler.mjs";
import { resources } from "./workers.mjs";

const env = process.argv.includes("--env") ? process.argv[process.argv.indexOf("--env") + 1] : "production";
const idsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), `ids.${env}.json`);
const ids = fs.existsSync(idsFile) ? JSON.parse(fs.readFileSync(idsFile, "utf8")) : {};
const { d1, queues, buckets } = resources();

/** @type {{ name: string, uuid: string }[]} */
const existing = JSON.parse(wranglerSync(["d1", "list", "--json"], { quiet: true }));
for (const name of d1) {
  const found = existing.find((db) => db.name === name);
  if (found) {
    ids[name] = found.uuid;
    console.log(`d1 ${name}: exists (${found.uuid})`);
    continue;
  }
  const out = wranglerSync(["d1", "create", name], { quiet: true });
  const id = /"?database_id"?\s*[=:]\s*"([0-9a-f-]{36})"/.exec(out)?.[1];
  if (!id) throw new Error(`could not read the id of the new database ${name}:\n${out}`);
  ids[name] = id;
  console.log(`d1 ${name}: created (${id})`);
}
const queueList = wranglerSync(["queues", "list"], { quiet: true });
for (const name of queues) {
  if (queueList.includes(name)) {
    console.log(`queue ${name}: exists`);
    continue;
  }
  wranglerSync(["queues", "create", name], { quiet: true });
  console.log(`queue ${name}: created`);
}
// R2 buckets have no id to record: a worker binds to one by name.
const bucketList = wranglerSync(["r2", "bucket", "list"], { quiet: true });
for (const name of buckets) {
  if (new RegExp(`^name:\\s+${name}$`, "m").test(bucketList)) {
    console.log(`r2 bucket ${name}: exists`);
    continue;
  }
  wranglerSync(["r2", "bucket", "create", name], { quiet: true });
  console.log(`r2 bucket ${name}: created`);
}
fs.writeFileSync(idsFile, `${JSON.stringify(ids, null, 2)}\n`);
console.log(`database ids written to ${path.relative(process.cwd(), idsFile)}`);
