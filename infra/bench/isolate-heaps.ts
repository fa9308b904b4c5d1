// What each of our workers' isolates holds (issue 17 §3): the V8 heap in use per isolate, asked of the runtime
// workerd's own inspector (every worker is a target there; a worker's Durable Objects share its isolate). Set
// against workerd's resident memory, it tells our code's share (heaps) from the runtime's (per-object state, SQLite
// page caches, allocator slack). The figure includes garbage not yet collected (workerd runs an inspector-asked
// collection, HeapProfiler.collectGarbage, only when the isolate is next entered, so it cannot be waited for), so it
// is sampled often and judged by its trend over minutes, not by one sample.
import fs from "node:fs";
import { slopeMbPerMin } from "./soak-memory";
import { runtimeWorkerd } from "./workerd-cpu";

type Target = { id: string; webSocketDebuggerUrl: string };

/** The loopback ports a process listens on (from /proc, no tools needed). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return fs
    .readFileSync(`/proc/${pid}/net/tcp`, "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[3] === "0A" && inodes.has(c[9] ?? ""))
    .map((c) => parseInt(c[1]!.split(":")[1]!, 16));
}

async function targets(pid: number): Promise<Target[]> {
  for (const port of listeningPorts(pid)) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as unknown;
      if (Array.isArray(body) && body.every((t) => typeof t?.webSocketDebuggerUrl === "string")) return body;
    } catch {
      // not the inspector
    }
  }
  throw new Error(`workerd ${pid} has no inspector answering /json`);
}

/** Sends inspector commands one after another on one target; answers the last one's result (or throws). */
async function ask(url: string, commands: { method: string; params?: object }[], ms = 20_000): Promise<unknown> {
  const ws = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve());
      ws.addEventListener("error", () => reject(new Error(`inspector ${url} refused`)));
      setTimeout(() => reject(new Error(`inspector ${url} did not open`)), 3000);
    });
    let result: unknown;
    for (const [i, { method, params }] of commands.entries()) {
      const id = i + 1;
      result = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${ms} ms`)), ms);
        ws.addEventListener("message", function on(e) {
          const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: unknown };
          // workerd echoes each command before answering it: only the message with a result or an error counts.
          if (msg.id !== id || (msg.result === undefined && msg.error === undefined)) return;
          clearTimeout(timer);
          ws.removeEventListener("message", on);
          if (msg.error) reject(new Error(`${method}: ${JSON.stringify(msg.error)}`));
          else resolve(msg.result);
        });
        ws.send(JSON.stringify({ id, method, params: params ?? {} }));
      });
    }
    return result;
  } finally {
    ws.close();
  }
}

/** MB of V8 heap in use per worker of ours (`civicgrid-*`); a worker whose target does not answer is left out. */
export async function isolateHeaps(groupPid: number): Promise<Map<string, number>> {
  const ours = (await targets(runtimeWorkerd(groupPid))).filter((t) => t.id.startsWith("core:user:civicgrid-"));
  const out = new Map<string, number>();
  // One target at a time: workerd's inspector serves one thread, and a session left waiting holds its target.
  for (const t of ours) {
    const usage = (await ask(t.webSocketDebuggerUrl, [{ method: "Runtime.getHeapUsage" }], 8000).catch(
      () => undefined,
    )) as { usedSize: number } | undefined;
    out.set(t.id.replace("core:user:civicgrid-", ""), usage ? usage.usedSize / 2 ** 20 : Number.NaN);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** One line per worker: its heap at each sample, and the change from the first to the last. */
export function printHeaps(label: string, samples: Map<string, number>[]): void {
  if (samples.length === 0) return;
  console.log(`\nV8 heap in use per isolate during ${label} (MB, ${samples.length} samples):`);
  for (const name of samples[0]!.keys()) {
    const series = samples.map((s) => s.get(name) ?? Number.NaN);
    const change = series.at(-1)! - series[0]!;
    console.log(
      `  ${name.padEnd(14)} ${series.map((v) => v.toFixed(1)).join(" ")}  (${change >= 0 ? "+" : ""}${change.toFixed(2)})`,
    );
  }
}

/**
 * Our isolates' heaps, summed, over the last two thirds of a held phase (the first third fills the caches the load
 * touches): flat when they grow by under `mbPerMin` a minute.
 */
export function heapsFlat(samples: { t: number; heaps: Map<string, number> }[], mbPerMin: number) {
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const first = samples[0]?.t ?? 0;
  const last = samples.at(-1)?.t ?? 0;
  // A sample where some isolate did not answer in time is left out of the trend.
  const whole = (m: Map<string, number>) => [...m.values()].every(Number.isFinite);
  const tail = samples.filter((s) => s.t >= first + (last - first) / 3 && whole(s.heaps));
  const slope = slopeMbPerMin(tail.map((s) => ({ t: s.t, mb: total(s.heaps) })));
  const from = tail[0];
  const to = tail.at(-1);
  const detail =
    from && to
      ? `${slope.toFixed(2)} MB/min over the last ${(to.t - from.t).toFixed(0)} s (${tail.length} samples, ` +
        `${total(from.heaps).toFixed(1)} → ${total(to.heaps).toFixed(1)} MB in our ${to.heaps.size} isolates); ` +
        `flat means under ${mbPerMin} MB/min`
      : "too few heap samples";
  return {
    name: "our isolates' heaps flat under held reads only",
    ok: Number.isFinite(slope) && slope < mbPerMin,
    detail,
  };
}
