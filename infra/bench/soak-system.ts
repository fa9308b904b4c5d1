// The system under soak: crash it (SIGKILL to the whole process group, as a power cut would), restart it
// on the same state without re-seeding, read and sample workerd memory (VmRSS, VmHWM), and find any workerd left behind.
import fs from "node:fs";
import type { ChildProcess } from "node:child_process";
import { startAll } from "../local/dev.mjs";
import type { RunningSystem } from "../../e2e/system";
import { processGroupOf } from "./workerd-cpu";

/** Every process of the system: the wrangler process group, or any process naming the state dir. */
export function systemPids(system: RunningSystem): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const pgrp = processGroupOf(entry);
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (pgrp === system.child.pid || cmd.includes(system.stateDir)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export function workerdPids(system: RunningSystem): number[] {
  return systemPids(system).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd");
    } catch {
      return false;
    }
  });
}

export interface Memory {
  /** Resident memory now (VmRSS), summed over the system's workerd processes, MB; NaN when none runs. */
  rss: number;
  /** The peak resident memory of each (VmHWM), summed, MB. */
  hwm: number;
  processes: number;
}

/** Resident memory of a workerd process tree, from /proc/<pid>/status of each workerd in it. */
export function workerdMemory(system: RunningSystem): Memory {
  const pids = workerdPids(system);
  let rss = 0;
  let hwm = 0;
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return pids.length
    ? { rss: rss / 1024, hwm: hwm / 1024, processes: pids.length }
    : { rss: Number.NaN, hwm: Number.NaN, processes: 0 };
}

/** A crash: SIGKILL to the whole group, no chance to flush or shut down cleanly. */
export async function crash(system: RunningSystem): Promise<void> {
  const exited = new Promise((r) => system.child.once("exit", r));
  process.kill(-system.child.pid!, "SIGKILL");
  await exited;
  // A workerd outside the group (it should not exist) would keep the port and the state: kill it by pid.
  for (const pid of systemPids(system)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Starts the system again on the same state dir, with the same arguments as e2e/system.ts, no prepare. */
export async function restart(system: RunningSystem, port: number, origin: string): Promise<RunningSystem> {
  const log = fs.openSync(system.logFile, "a");
  const child: ChildProcess = startAll({
    stateDir: system.stateDir,
    port,
    stdio: ["ignore", log, log],
    extraArgs: [
      "--inspector-port",
      String(port + 1000),
      "--var",
      `AUTH_JWKS_URL:${origin}/dev/jwks.json`,
      "--var",
      "AUTH_ISSUER:http://127.0.0.1:8787/dev",
    ],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited on restart:\n${fs.readFileSync(system.logFile, "utf8").slice(-3000)}`);
    try {
      if ((await fetch(`${origin}/healthz?deep=1`, { signal: AbortSignal.timeout(2000) })).ok)
        return { child, stateDir: system.stateDir, logFile: system.logFile };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the system did not become healthy after the restart");
}

export interface Sample {
  /** Seconds since the sampler started. */
  t: number;
  mb: number;
  hwm: number;
}

/** Samples workerd memory every `everyMs` until stopped; `system` is read each time (it changes on restart). */
export function memorySampler(current: () => RunningSystem, everyMs = 10_000) {
  const series: Sample[] = [];
  const start = performance.now();
  const sample = () => {
    const m = workerdMemory(current());
    series.push({ t: (performance.now() - start) / 1000, mb: m.rss, hwm: m.hwm });
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    series,
    start,
    everyS: everyMs / 1000,
    stop: () => clearInterval(timer),
    /** Seconds since the start, on the series' clock. */
    now: () => (performance.now() - start) / 1000,
  };
}
