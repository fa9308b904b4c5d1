// A bounded closed-loop load generator for loopback benchmarks: `concurrency` workers send requests
// until `count` are done, and the figures come from the measured latencies (no timed assertions).
export interface LoadResult {
  label: string;
  count: number;
  /** Responses outside 2xx, and requests that got no response at all. */
  errors: number;
  /** The non-2xx answers by status (`failed`: no response; `timeout`: none in time), so a 429 or a 5xx is told apart. */
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** The runtime's CPU per request, when the benchmark measured it (workerd-cpu.ts). */
  cpuMs?: number;
}

/** A request not answered in this long counts as failed (`timeout`) and the load goes on without it. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30_000);

export async function load(
  label: string,
  count: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await withTimeout(send(i)).catch(() => undefined);
        if (!res || res === "timeout" || res.status < 200 || res.status >= 300) {
          errors++;
          const key = res === "timeout" ? res : res ? String(res.status) : "failed";
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        if (res && res !== "timeout") await res.arrayBuffer().catch(() => undefined);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { label, count, errors, statuses, seconds, rps: count / seconds, p50: at(0.5), p99: at(0.99) };
}

/** The response, or `timeout` when none came within BENCH_TIMEOUT_MS (30 s). */
export function withTimeout(pending: Promise<Response>): Promise<Response | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), TIMEOUT_MS)));
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}

/** What went wrong, e.g. `429×3 failed×1`; empty when every answer was 2xx. */
export function describeErrors(r: LoadResult): string {
  return Object.entries(r.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
}

export function printResults(results: LoadResult[], baselineOf: Record<string, string> = {}): void {
  console.log(
    "label".padEnd(44),
    "count",
    "non-2xx",
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "p99/p50".padStart(8),
    ...(results.some((r) => r.cpuMs !== undefined) ? ["CPU ms/req".padStart(11)] : []),
    "  vs baseline",
  );
  for (const r of results) {
    const base = results.find((b) => b.label === baselineOf[r.label]);
    const ratio = base ? `  ${(base.rps / r.rps).toFixed(1)}x slower, p50 ${(r.p50 / base.p50).toFixed(1)}x` : "";
    console.log(
      r.label.padEnd(44),
      String(r.count).padStart(5),
      String(r.errors).padStart(7),
      r.rps.toFixed(0).padStart(8),
      r.p50.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      (r.p99 / r.p50).toFixed(1).padStart(8),
      ...(results.some((x) => x.cpuMs !== undefined) ? [(r.cpuMs?.toFixed(2) ?? "-").padStart(11)] : []),
      ratio,
      r.errors ? `  (${describeErrors(r)})` : "",
    );
  }
}

export interface Target {
  what: string;
  of: LoadResult;
  floor: LoadResult;
  /** The least throughput, as a share of the floor's, that meets the target; none: printed for reference. */
  target?: number;
}

/** Each ratio of throughput to its floor, with its target; and each measured row's p99/p50 against 3. */
export function printTargets(targets: Target[], tailLimit = 3): void {
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  console.log("ratio (req/s over the floor's)".padEnd(46), "value".padStart(6), "target".padStart(8), "");
  for (const t of targets) {
    const ratio = t.of.rps / t.floor.rps;
    const goal = t.target === undefined ? "" : `≥ ${t.target.toFixed(2)}`;
    const mark = t.target === undefined ? "" : verdict(ratio >= t.target);
    console.log(t.what.padEnd(46), ratio.toFixed(2).padStart(6), goal.padStart(8), mark);
  }
  const rows = [...new Set(targets.filter((t) => t.target !== undefined).map((t) => t.of))];
  for (const r of rows) {
    const tail = r.p99 / r.p50;
    console.log(
      `p99/p50 of ${r.label}`.padEnd(46),
      tail.toFixed(1).padStart(6),
      `< ${tailLimit}`.padStart(8),
      verdict(tail < tailLimit),
    );
  }
}
