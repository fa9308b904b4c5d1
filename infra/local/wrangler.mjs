// Runs the project's own wrangler (node_modules/.bin), offline, and fails loudly.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { OFFLINE_ENV, ROOT } from "./env.mjs";

export const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/**
 * @param {string[]} args
 * @param {{ quiet?: boolean }} [options]
 */
export function wranglerSync(args, { quiet = false } = {}) {
  const result = spawnSync(WRANGLER, args, {
    cwd: ROOT,
    env: OFFLINE_ENV,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed with exit code ${result.status}`);
  }
  return `${result.stdout ?? ""}${result.stderr ?? ""}`;
}

/**
 * Whether a wrangler command succeeds (its output is not shown): for questions such as "is this worker deployed?".
 * @param {string[]} args
 */
export function wranglerSucceeds(args) {
  return spawnSync(WRANGLER, args, { cwd: ROOT, env: OFFLINE_ENV, stdio: "ignore" }).status === 0;
}

/**
 * Starts a long-running wrangler in its own process group, so one signal stops it and its workerd.
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, stdio?: import("node:child_process").StdioOptions }} [options]
 */
export function wranglerSpawn(args, options = {}) {
  return spawn(WRANGLER, args, {
    cwd: ROOT,
    env: { ...OFFLINE_ENV, ...options.env },
    stdio: options.stdio ?? "inherit",
    detached: true,
  });
}
