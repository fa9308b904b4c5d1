// Reads `Server-Timing` response headers (RFC: W3C Server Timing) into per-hop durations, and averages them over
// a sequential sample of requests: where the time of one request goes, hop by hop.
import { withTimeout } from "./load";

/** Each metric with a `dur` in one header value, e.g. `gw-verify;dur=1.2, cases-do;dur=3.4;desc="…"`. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const out = new Map<string, number>();
  if (!header) return out;
  // An entry is a name then `;param=value` pairs, a value possibly quoted (and then holding commas).
  const entry = /\s*([^\s,;]+)((?:\s*;\s*[\w-]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^,;]*))?)*)\s*(?:,|$)/y;
  let match: RegExpExecArray | null;
  while (entry.lastIndex < header.length && (match = entry.exec(header))) {
    const dur = /;\s*dur\s*=\s*"?([\d.]+)/.exec(match[2] ?? "");
    if (dur) out.set(match[1]!, (out.get(match[1]!) ?? 0) + Number(dur[1]));
  }
  return out;
}

export interface Hops {
  kind: string;
  n: number;
  /** Mean wall time of the request as the client saw it. */
  clientMs: number;
  nonOk: number;
  /** Mean ms per metric over the requests that reported it, and how many did. */
  metrics: Map<string, { meanMs: number; seen: number }>;
}

/** Sends `n` requests of each kind one after another and averages their Server-Timing spans per metric. */
export async function hopBreakdown(kinds: Record<string, (i: number) => Promise<Response>>, n: number) {
  const out: Hops[] = [];
  for (const [kind, send] of Object.entries(kinds)) {
    const sums = new Map<string, { total: number; seen: number }>();
    let wall = 0;
    let nonOk = 0;
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const res = await withTimeout(send(i));
      if (res === "timeout") {
        nonOk++;
        continue;
      }
      await res.arrayBuffer();
      wall += performance.now() - started;
      if (!res.ok) nonOk++;
      for (const [name, ms] of parseServerTiming(res.headers.get("server-timing"))) {
        const sum = sums.get(name) ?? { total: 0, seen: 0 };
        sums.set(name, { total: sum.total + ms, seen: sum.seen + 1 });
      }
    }
    const metrics = new Map([...sums].map(([name, s]) => [name, { meanMs: s.total / s.seen, seen: s.seen }] as const));
    out.push({ kind, n, clientMs: wall / n, nonOk, metrics });
  }
  return out;
}

export function printHops(all: Hops[]): void {
  console.log(`per hop: mean ms over a sequential sample (Server-Timing; gw-* the gateway, cases-* the cases service)`);
  for (const h of all) {
    console.log(`${h.kind}  (n=${h.n}, non-2xx ${h.nonOk}, client ${h.clientMs.toFixed(2)} ms)`);
    if (h.metrics.size === 0) console.log("    no Server-Timing header (is SERVER_TIMING=on in .dev.vars?)");
    const names = [...h.metrics.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
    for (const name of names) {
      const m = h.metrics.get(name)!;
      const partial = m.seen < h.n ? `  (in ${m.seen} of ${h.n})` : "";
      console.log(`    ${name.padEnd(28)} ${m.meanMs.toFixed(2).padStart(8)}${partial}`);
    }
  }
}

const order = (name: string) => (name.startsWith("gw-") ? 0 : 1);
