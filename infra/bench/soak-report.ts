// Printing: the phase table, the memory series and its growth, the invariants, and which consumer-level
// faults the services' own unit tests cover (found by name, so the list follows the tests as they change).
import fs from "node:fs";
import path from "node:path";
import type { Check } from "./soak-checks";
import type { Phase } from "./soak-http";

const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

export function printPhases(phases: Phase[]): void {
  console.log(
    "\nphase".padEnd(25),
    "requests".padStart(8),
    "errors".padStart(7),
    "5xx".padStart(5),
    "reload".padStart(6),
    "429".padStart(5),
    "no-ans".padStart(7),
    "dropped".padStart(8),
    "req/s".padStart(7),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "mem MB first/last".padStart(19),
  );
  for (const p of phases) {
    console.log(
      p.name.padEnd(24),
      String(p.requests).padStart(8),
      String(p.errors).padStart(7),
      String(p.fiveXX).padStart(5),
      String(p.reloads).padStart(6),
      String(p.limited).padStart(5),
      String(p.noAnswer).padStart(7),
      String(p.dropped).padStart(8),
      f(p.requests / p.seconds, 1).padStart(7),
      f(p.quantile(0.5), 1).padStart(8),
      f(p.quantile(0.99), 1).padStart(8),
      `${f(p.memFirst)}/${f(p.memLast)}`.padStart(19),
    );
  }
  for (const p of phases) for (const s of p.samples) console.log(`  5xx in ${p.name}: ${s}`);
}

/** The memory series of the held phase and its growth: the last minute's average against the first's. */
export function printMemory(series: { t: number; mb: number }[], from: number, to: number): string {
  const held = series.filter((s) => s.t >= from && s.t <= to);
  console.log(`\nworkerd RSS during held load (every 5 s, MB): ${held.map((s) => f(s.mb)).join(" ")}`);
  const mid = from + (to - from) / 2;
  const avg = (xs: { mb: number }[]) => xs.reduce((a, s) => a + s.mb, 0) / xs.length;
  const first = avg(held.filter((s) => s.t < mid));
  const last = avg(held.filter((s) => s.t >= mid));
  const growth = `first half avg ${f(first)} MB, last half avg ${f(last)} MB, growth ${f(last - first, 1)} MB (${f(((last - first) / first) * 100, 1)}%)`;
  console.log(`memory: ${growth}`);
  return growth;
}

export function printChecks(checks: Check[]): void {
  console.log("\ninvariants:");
  for (const c of checks) console.log(`  ${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
}

/** The unit tests (by name) that inject consumer-level faults this script cannot inject from outside. */
export function printUnitCoverage(root: string): void {
  console.log(
    "\nconsumer-level faults covered by the services' unit tests (it(...) names matching redeliver|twice|throws|retry|fail):",
  );
  const services = path.join(root, "services");
  for (const service of fs.readdirSync(services)) {
    const dir = path.join(services, service, "test");
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((n) => n.endsWith(".test.ts"))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      for (const m of text.matchAll(/\bit\(\s*"([^"]*)"/g)) {
        if (/redeliver|twice|throws|retry|retries|fail/i.test(m[1]!))
          console.log(`  services/${service}/test/${file}: ${m[1]}`);
      }
    }
  }
  console.log(
    "covered end to end by this script: crash (SIGKILL) mid-load and restart on the same state; parallel replay of one Idempotency-Key;",
  );
  console.log(
    "  queue redelivery after the crash as far as it happens (department inbox: one message per case and event); read-model convergence.",
  );
  console.log(
    "not injectable from outside: a duplicate queue delivery on demand, a consumer throwing mid-batch (unit tests only).",
  );
}
