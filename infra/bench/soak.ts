// Soak (issue 9, item 2: load and faults; issue 17 §3: memory). Not a benchmark of speed: it measures capacity
// briefly, holds ~60% of it (the mix, then reads only), crashes the server mid-load and restarts it on the same
// state, and asserts invariants (no 5xx under held load, no acknowledged write lost, archives verify, the read model
// and the consumers converge without duplicates, memory flat under the read-only held load). Every phase prints
// workerd's memory (VmRSS, VmHWM) at its start and end; at the end the bare worker measures workerd's own cost per
// new Durable Object, to set against the system's growth per new case. Exits non-zero when an invariant fails; it
// never asserts speed.
// Run: npm run bench -- soak   (the long one: 120 s mixed, 300 s reads only), or `npm run bench -- soak-short`
// (in the default list: 30 s mixed, 90 s reads only), or npx tsx infra/bench/soak.ts. Parameters (env):
// SOAK_HELD_S (mixed held load, s), SOAK_READ_HELD_S (reads-only held load, s), SOAK_BARE_DOS (objects the bare
// worker creates; 0 skips it), SOAK_READS_ONLY=1 (reads only in every phase), SOAK_READ_SET (reads by id over the
// latest N cases only), E2E_PORT (default 8795; the bare worker takes E2E_PORT + 1, inspectors + 1000).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCity } from "@civicgrid/demo-data";
import {
  ackedPresent,
  archivesValid,
  dispatchToPolice,
  inboxOnePerEvent,
  listConverges,
  replayOnce,
  type Check,
} from "./soak-checks";
import { loadPools, Phase } from "./soak-http";
import { closedLoop, paced, type Workload } from "./soak-load";
import { printChecks, printDoCost, printPhases, printUnitCoverage } from "./soak-report";
import { heapsFlat, isolateHeaps, printHeaps } from "./isolate-heaps";
import { bareDoCost, FLAT_MB_PER_MIN, heldMemory } from "./soak-memory";
import { crash, memorySampler, restart, workerdMemory, workerdPids } from "./soak-system";

// e2e/system.ts reads the port when it is imported; the inspector takes port + 1000.
process.env.E2E_PORT ??= "8795";
const { E2E_ORIGIN: origin, E2E_PORT: port, startSystem, stopSystem } = await import("../../e2e/system");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HELD_S = Number(process.env.SOAK_HELD_S ?? 120);
const READ_HELD_S = Number(process.env.SOAK_READ_HELD_S ?? 300);
const BARE_DOS = Number(process.env.SOAK_BARE_DOS ?? 2000);
const GRID = "440703002101001";
const [lng, lat] = generateCity({}).grids.find((g) => g.code === GRID)!.center;

console.log(
  `soak: starting the system on ${origin} with fresh state (${os.cpus().length} cores, ${os.cpus()[0]?.model})`,
);
let system = await startSystem();
console.log(`soak: state dir ${system.stateDir}`);
const memory = memorySampler(() => system);
const phases: Phase[] = [];
const checks: Check[] = [];
const w: Workload = {
  origin,
  pools: await loadPools(GRID),
  lng,
  lat,
  grid: GRID,
  acked: new Map(),
  unverified: [],
  reported: [],
  readsOnly: process.env.SOAK_READS_ONLY === "1",
};
console.log(
  `soak: callers — ${w.pools.reporters.length} reporters, ${w.pools.scoped.length} agencies over the grid, ${w.pools.agencies.length} agencies for lookups`,
);

/** Runs a phase with its memory at both ends, and keeps it for the table. */
async function phase(name: string, run: (p: Phase) => Promise<Phase>): Promise<Phase> {
  const p = new Phase(name);
  console.log(`soak: ${name} (${new Date().toISOString()})`);
  p.memFirst = workerdMemory(system);
  await run(p);
  p.memLast = workerdMemory(system);
  phases.push(p);
  console.log(
    `soak: ${name}: ${p.requests} requests, ${(p.requests / p.seconds).toFixed(1)} req/s, ${p.errors} errors, ${p.fiveXX} 5xx, ${p.limited} 429; ` +
      `workerd RSS ${p.memFirst.rss.toFixed(0)} → ${p.memLast.rss.toFixed(0)} MB (peak ${p.memLast.hwm.toFixed(0)} MB)`,
  );
  return p;
}

let failed = false;
let writes = { from: Number.NaN, to: Number.NaN, cases: 0 };
try {
  // Warm-up: bundling, isolates and the first D1 opens are start-up, not capacity.
  await closedLoop(w, new Phase("warm-up"), 4, 5);

  // 1. Capacity: the best closed-loop throughput of the mix at increasing concurrency.
  let capacity = 0;
  for (const c of [2, 4, 8, 16])
    capacity = Math.max(capacity, (await phase(`capacity c=${c}`, (p) => closedLoop(w, p, c, 10))).requests / 10);
  const rate = Math.max(1, Math.round(capacity * 0.6));
  console.log(`soak: capacity ${capacity.toFixed(1)} req/s; holding ${rate} req/s for ${HELD_S} s`);

  // 2. Held load at ~60% of capacity, paced.
  const heldFrom = memory.now();
  const held = await phase("held 60%", (p) => paced(w, p, rate, HELD_S));
  const growth = heldMemory(memory.series, heldFrom, memory.now(), memory.everyS, "held 60% (mixed)").detail;
  const loadPhases = phases.filter((p) => p.name.startsWith("capacity") || p === held);
  const fiveXX = loadPhases.reduce((a, p) => a + p.fiveXX, 0);
  const reloads = loadPhases.reduce((a, p) => a + p.reloads, 0);
  checks.push({
    name: "zero 5xx from the system under capacity probe and held load",
    ok: fiveXX === 0,
    detail: `${fiveXX} 5xx in ${loadPhases.reduce((a, p) => a + p.requests, 0)} requests (apart: ${reloads} 503 from wrangler dev hot-reloading on a file change)`,
  });
  checks.push({ name: "memory growth over held mixed load (reported, not asserted)", ok: true, detail: growth });
  writes = { from: phases[0]!.memFirst!.rss, to: held.memLast!.rss, cases: w.reported.length };

  // 2b. Held reads only at the same rate: nothing new is created, so what grows is held by code (caches) or workerd.
  // Each of our isolates' V8 heap at its start, every 15 s during it, and at its end:
  // our code's share of what workerd holds, told from the runtime's own.
  w.readsOnly = true;
  const heaps: { t: number; heaps: Map<string, number> }[] = [];
  const sampleHeaps = async () => {
    const t = memory.now();
    await isolateHeaps(system.child.pid!)
      .then((h) => void heaps.push({ t, heaps: h }))
      .catch((error: unknown) => console.log(`soak: a heap sample failed: ${String(error)}`));
  };
  await sampleHeaps();
  const heapTimer = setInterval(() => void sampleHeaps(), 15_000);
  const readFrom = memory.now();
  await phase("held reads only", (p) => paced(w, p, rate, READ_HELD_S));
  clearInterval(heapTimer);
  await sampleHeaps();
  checks.push(heldMemory(memory.series, readFrom, memory.now(), memory.everyS, "held reads only"));
  printHeaps(
    "held reads only",
    heaps.map((h) => h.heaps),
  );
  checks.push(heapsFlat(heaps, FLAT_MB_PER_MIN));
  w.readsOnly = process.env.SOAK_READS_ONLY === "1";
  console.log(
    `soak: under writes workerd grew ${(writes.to - writes.from).toFixed(0)} MB for ${writes.cases} new cases ` +
      `(${(((writes.to - writes.from) * 1024) / Math.max(1, writes.cases)).toFixed(0)} KB a case, each a new CaseDO)`,
  );
  checks.push(await ackedPresent(w, "after held load"));

  // 3b. Replays of one Idempotency-Key, and dispatches whose department messages may be in flight at the crash.
  checks.push(...(await replayOnce(w)));
  const dispatched = await dispatchToPolice(w, 5);

  // 3a. A crash mid-load: SIGKILL to the whole group ~5 s into a 15 s load, restart on the same state.
  let restarted: Promise<void> | undefined;
  const before = w.acked.size;
  await phase("crash (kill at 5 s)", (p) =>
    paced(w, p, rate, 15, 64, (elapsed) => {
      if (elapsed < 5000 || restarted) return;
      console.log(
        `soak: SIGKILL to the process group of wrangler dev (pid ${system.child.pid}) with ${w.acked.size} writes acknowledged`,
      );
      const dead = system;
      restarted = crash(dead).then(async () => {
        const t = performance.now();
        system = await restart(dead, port, origin);
        console.log(`soak: restarted on ${dead.stateDir} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      });
    }),
  );
  await restarted;
  console.log(`soak: ${w.acked.size - before} writes acknowledged during the crash phase`);
  await phase("after restart", (p) => paced(w, p, rate, 10));
  const after = phases.at(-1)!;
  checks.push({
    name: "zero 5xx after the restart",
    ok: after.fiveXX === 0,
    detail: `${after.fiveXX} 5xx in ${after.requests} requests (apart: ${after.reloads} reload 503)`,
  });
  dispatched.push(...(await dispatchToPolice(w, 5)));

  checks.push(await ackedPresent(w, "after crash and restart"));
  checks.push(await archivesValid(w, 50));
  checks.push(await listConverges(w, 60_000));
  checks.push(await inboxOnePerEvent(w, dispatched, 60_000));
} catch (error) {
  failed = true;
  console.error("soak: aborted:", error);
} finally {
  memory.stop();
  printPhases(phases);
  printChecks(checks);
  printUnitCoverage(root);
  await stopSystem(system);
  await new Promise((r) => setTimeout(r, 1000));
  const left = workerdPids(system);
  console.log(`\nsoak: workerd processes left behind: ${left.length ? left.join(", ") : "none"}`);
  if (left.length) failed = true;
  if (BARE_DOS > 0 && !failed) {
    console.log(`soak: the bare worker creates ${BARE_DOS} Durable Objects (workerd's own cost per object)`);
    printDoCost(await bareDoCost(Number(port) + 1, BARE_DOS), writes);
  }
  // The state is a fresh temp dir of this run only; keep it when asked (to look at a failure).
  if (!process.env.SOAK_KEEP_STATE) fs.rmSync(system.stateDir, { recursive: true, force: true });
}
if (failed || checks.some((c) => !c.ok)) {
  console.error("soak: FAILED");
  process.exit(1);
}
console.log("soak: all invariants hold");
process.exit(0);
