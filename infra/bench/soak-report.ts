// Printing: the phase table with workerd's memory at both ends of each phase, the platform's cost per Durable
// Object against the system's per case, the invariants, and which consumer-level
// faults the services' own unit tests cover (found by name, so the list follows the tests as they change).
import fs from "node:fs";
import path from "node:path";
import type { Check } from "./soak-checks";
import type { Phase } from "./soak-http";
import type { DoCost } from "./soak-memory";

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
    "RSS MB first/last".padStart(18),
    "HWM MB".padStart(7),
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
      `${f(p.memFirst?.rss ?? Number.NaN)}/${f(p.memLast?.rss ?? Number.NaN)}`.padStart(18),
      f(p.memLast?.hwm ?? Number.NaN).padStart(7),
    );
  }
  for (const p of phases) for (const s of p.samples) console.log(`  5xx in ${p.name}: ${s}`);
}

/** workerd's own cost per new Durable Object (bare worker) against the system's growth per new case under writes. */
export function printDoCost(bare: DoCost, writes: { from: number; to: number; cases: number }): void {
  const perCase = ((writes.to - writes.from) * 1024) / Math.max(1, writes.cases);
  console.log(
    `\nworkerd's own cost per Durable Object (bare worker, no code of ours): ${bare.objects} new objects, RSS ` +
      `${f(bare.before)} → ${f(bare.after)} MB (${f(bare.idle)} MB after idling), ${f(bare.kbPerObject, 1)} KB an object`,
  );
  console.log(
    `the system under writes: ${f(perCase, 1)} KB per new case (capacity probe + held mixed load, ${writes.cases} cases); ` +
      `beyond the platform's per-object cost: ${f(perCase - bare.kbPerObject, 1)} KB a case (our code, D1, queues, ` +
      "and the other services' isolates warming up)",
  );
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
