// What a benchmark's requests cost the runtime: the CPU (user + system, every thread, from the kernel's accounting
// in /proc) of the workerd that `wrangler dev` runs the workers in. Local workerd runs every worker of a session,
// their Durable Objects, D1 and queues on one thread, so this is the figure that bounds its throughput; and a
// request's work after its response (queue consumers, background sends) is charged to it by waiting until the
// process is quiet again before reading the meter. (V8's CPU profiler, per isolate through the inspector, cannot
// split that thread's time between isolates: each isolate's profile also counts the others' turns.)
import fs from "node:fs";

/** The process group of a process (field 5 of /proc/<pid>/stat; the command name may hold spaces, so after ')'). */
export function processGroupOf(pid: number | string): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

/** The runtime workerd of a `wrangler dev` process group (the one with an inspector; the other is wrangler's proxy). */
export function runtimeWorkerd(groupPid: number): number {
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (processGroupOf(pid) === groupPid && cmd.includes("workerd") && cmd.includes("--inspector-addr"))
        return Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no runtime workerd in process group ${groupPid}`);
}

/** User + system CPU of every thread of a process so far, in ms (USER_HZ is 100 on Linux). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Waits until the process uses under `quietMs` of CPU in a `windowMs` window (at most `maxMs`). */
export async function untilQuiet(pid: number, windowMs = 500, quietMs = 25, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = processCpuMs(pid);
    await new Promise((r) => setTimeout(r, windowMs));
    if (processCpuMs(pid) - before < quietMs) return;
  }
}

/**
 * Runs `work` (a load of `requests` requests) and answers its workerd CPU per request, the work it set off after
 * the responses included (measured until the process is quiet, minus the quiet window's own idle CPU).
 */
export async function cpuPerRequest<T>(pid: number, requests: number, work: () => Promise<T>): Promise<[T, number]> {
  await untilQuiet(pid);
  const before = processCpuMs(pid);
  const result = await work();
  await untilQuiet(pid);
  return [result, (processCpuMs(pid) - before) / requests];
}
