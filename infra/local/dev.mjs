// `npm run dev`: prepares local state (secrets, migrations, demo data), then runs the gateway and every
// service (env.mjs SERVICES) in one `wrangler dev` (multi-config) on 127.0.0.1. One Ctrl-C stops everything.
// Durable Objects, R2 buckets and queues are simulated by that one session and persisted with the D1
// databases under the state directory: base data's village and identity objects migrate their own SQLite when
// first used, its ledger bucket and its queues need nothing made beforehand.
import { buildApps, printBudgets } from "../../services/console/build.mjs";
import { loadBaseDataDemo } from "./basedata-demo.mjs";
import { loadDisputesDemo } from "./disputes-demo.mjs";
import { configFiles, GATEWAY_ORIGIN, GATEWAY_PORT, STATE_DIR } from "./env.mjs";
import { migrateAll } from "./migrate.mjs";
import { writeDevVars } from "./secrets.mjs";
import { seedAll } from "./seed.mjs";
import { wranglerSpawn } from "./wrangler.mjs";

// The signatures are declared in dev.d.mts (for the e2e suite, which does not read JS) and checked here.

/** @type {typeof import("./dev.d.mts").prepare} */
export async function prepare(stateDir = STATE_DIR) {
  console.log("civicgrid: preparing local state");
  await writeDevVars();
  await migrateAll(stateDir);
  await seedAll(stateDir);
  // The screens (issue 18), built for development: the sign-in picker of the demo users is in this build only.
  printBudgets(await buildApps({ mode: "development" }));
}

/** @type {typeof import("./dev.d.mts").startAll} */
export function startAll({ stateDir = STATE_DIR, port = GATEWAY_PORT, stdio = "inherit", extraArgs = [] } = {}) {
  const args = [
    "dev",
    ...configFiles().flatMap((c) => ["-c", c]),
    "--persist-to",
    stateDir,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--test-scheduled",
    "--show-interactive-dev-session=false",
    ...extraArgs,
  ];
  return wranglerSpawn(args, { stdio });
}

/**
 * Stops a process group started by startAll, and makes sure no workerd is left behind.
 * @type {typeof import("./dev.d.mts").stopAll}
 */
export async function stopAll(child) {
  if (child.exitCode !== null) return;
  const pid = /** @type {number} */ (child.pid);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-pid, "SIGINT");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the whole group is gone, as it should be
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare();
  const child = startAll();
  console.log(
    `civicgrid: gateway on ${GATEWAY_ORIGIN} (docs: ${GATEWAY_ORIGIN}/docs, health: ${GATEWAY_ORIGIN}/healthz)`,
  );
  console.log(
    `civicgrid: console on ${GATEWAY_ORIGIN}/ (sign in as a demo user), resident pages on ${GATEWAY_ORIGIN}/h5/`,
  );
  console.log("civicgrid: a token for a demo user: npm run token -- demo-county-agency-440703");
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => void stopAll(child).then(() => process.exit(0)));
  }
  child.on("exit", (code) => process.exit(code ?? 0));
  // In the background, only here (the e2e suite starts the system through prepare/startAll and makes its own data):
  // the servers answer meanwhile, and the load stops when they do.
  const servers = new AbortController();
  child.once("exit", () => servers.abort());
  void loadBaseDataDemo({ signal: servers.signal }).then(() => loadDisputesDemo({ signal: servers.signal }));
}
