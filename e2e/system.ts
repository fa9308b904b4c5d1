// Starts the whole system as `npm run dev` does, but on its own port and with its own fresh state,
// so e2e never touches a developer's local data and can run beside a running `npm run dev`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { prepare, startAll, stopAll } from "../infra/local/dev.mjs";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8799);
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

export interface RunningSystem {
  child: ChildProcess;
  stateDir: string;
  logFile: string;
}

export async function startSystem(
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-e2e-")),
): Promise<RunningSystem> {
  await prepare(stateDir);
  const logFile = path.join(stateDir, "wrangler-dev.log");
  const log = fs.openSync(logFile, "a");
  const child: ChildProcess = startAll({
    stateDir,
    port: E2E_PORT,
    stdio: ["ignore", log, log],
    extraArgs: [
      "--inspector-port",
      String(E2E_PORT + 1000),
      "--var",
      `AUTH_JWKS_URL:${E2E_ORIGIN}/dev/jwks.json`,
      "--var",
      `AUTH_ISSUER:http://127.0.0.1:8787/dev`,
    ],
  });
  await waitForHealthy(child, logFile);
  return { child, stateDir, logFile };
}

async function waitForHealthy(child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited early:\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`);
    try {
      const res = await fetch(`${E2E_ORIGIN}/healthz?deep=1`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `the system did not become healthy in ${timeoutMs} ms:\n${fs.readFileSync(logFile, "utf8").slice(-4000)}`,
  );
}

export async function stopSystem(system: RunningSystem): Promise<void> {
  await stopAll(system.child);
}
