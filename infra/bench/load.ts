// A bounded closed-loop load generator for loopback benchmarks: `concurrency` workers send requests
// until `count` are done, and the figures come from the measured latencies (no timed assertions).
export interface LoadResult {
  label: string;
  count: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

export async function load(
  label: string,
  count: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await send(i).catch(() => undefined);
        if (!res || res.status >= 400) errors++;
        await res?.arrayBuffer().catch(() => undefined);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { label, count, errors, seconds, rps: count / seconds, p50: at(0.5), p99: at(0.99) };
}

export function printResults(results: LoadResult[], baselineOf: Record<string, string> = {}): void {
  console.log(
    "label".padEnd(44),
    "count",
    "errors",
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "  vs baseline",
  );
  for (const r of results) {
    const base = results.find((b) => b.label === baselineOf[r.label]);
    const ratio = base ? `  ${(base.rps / r.rps).toFixed(1)}x slower, p50 ${(r.p50 / base.p50).toFixed(1)}x` : "";
    console.log(
      r.label.padEnd(44),
      String(r.count).padStart(5),
      String(r.errors).padStart(6),
      r.rps.toFixed(0).padStart(8),
      r.p50.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      ratio,
    );
  }
}
