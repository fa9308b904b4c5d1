// Benchmark (not a test): the hot paths of cases through the gateway on local workerd, side by side in one run
// with a bare worker doing only the storage each request cannot avoid (infra/bench/bare-worker), then a
// sequential sample of each kind of request with its Server-Timing spans (gw-* from the gateway, cases-* from the
// cases service) averaged per hop. Load is spread over the demo city's grid workers, one token each, so that the
// gateway's rate limit (600 a minute per subject) never answers: the non-2xx column says so.
// Run: npm run bench -- cases-gateway      (or: npx tsx infra/bench/cases-gateway.ts [count] [concurrency])
// Ports (env): E2E_PORT the system (default 8797), BENCH_BARE_PORT the bare worker (8796),
// BENCH_BARE_INSPECTOR_PORT its inspector (9796); the system's inspector is E2E_PORT + 1000.
// Run through `npm run bench`, which turns off wrangler's local trace collector (X_LOCAL_OBSERVABILITY=false) for the
// system and the bare worker alike: it stores every invocation's trace in SQLite on the one workerd thread, a cost
// production does not put on the isolate, and one our multi-hop requests would pay several times over.
// Each row also prints the runtime workerd's CPU per request (workerd-cpu.ts), the work a request sets off after its
// response (queue consumers) included: local workerd runs every worker on one thread, so that bounds throughput.
// BENCH_USERS: how many grid workers share the load (default 48: 300 requests a row is ~6 each, far under the
// limit); BENCH_SAMPLE: requests per kind in the per-hop breakdown (30); BENCH_TIMEOUT_MS: a request's patience.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCity } from "@civicgrid/demo-data";
import { demoUsers, mintDevToken } from "../local/token.mjs";
import { stopAll } from "../local/dev.mjs";
import { wranglerSpawn } from "../local/wrangler.mjs";
import { hopBreakdown, printHops } from "./server-timing";
import { load as loadOnly, printResults, printTargets, type LoadResult } from "./load";
import { cpuPerRequest, runtimeWorkerd } from "./workerd-cpu";

process.env.E2E_PORT ??= "8797";
const { E2E_ORIGIN: origin, startSystem, stopSystem } = await import("../../e2e/system");
const count = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 8);
const sample = Number(process.env.BENCH_SAMPLE ?? 30);
const userCount = Number(process.env.BENCH_USERS ?? 48);
const barePort = Number(process.env.BENCH_BARE_PORT ?? 8796);
const bareInspectorPort = Number(process.env.BENCH_BARE_INSPECTOR_PORT ?? 9796);
const bare = `http://127.0.0.1:${barePort}`;
const here = path.dirname(fileURLToPath(import.meta.url));
const run = Date.now().toString(36);

console.log(
  `starting the system on ${origin} and the bare worker on ${bare} (${os.cpus().length} cores, ${os.cpus()[0]?.model})`,
);
const system = await startSystem();
const bareState = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-bare-"));
const bareChild = wranglerSpawn(
  [
    "dev",
    "-c",
    path.join(here, "bare-worker", "wrangler.toml"),
    "--port",
    String(barePort),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    bareState,
    "--inspector-port",
    String(bareInspectorPort),
    "--show-interactive-dev-session=false",
  ],
  { stdio: "ignore" },
);
try {
  await waitFor(`${bare}/setup`);
  /** A measured row: its load, and the CPU per request of the workerd that served it. */
  const load = async (label: string, n: number, c: number, send: (i: number) => Promise<Response>) => {
    if (label === "warm-up") return loadOnly(label, n, c, send);
    // Looked up per row: wrangler restarts its workerd when a source file changes.
    const pid = runtimeWorkerd((label.startsWith("bare") ? bareChild : system.child).pid!);
    const [result, cpuMs] = await cpuPerRequest(pid, n, () => loadOnly(label, n, c, send));
    return { ...result, cpuMs };
  };
  const reporters = await gridWorkers();
  console.log(`load spread over ${reporters.length} grid workers, one token each; ${count} requests per row`);
  const json = { "content-type": "application/json" };
  const as = (i: number) => reporters[i % reporters.length]!;
  const report = (i: number) =>
    fetch(`${origin}/v1/cases`, {
      method: "POST",
      headers: { ...as(i).auth, ...json },
      body: caseBody(i, as(i).at),
    });
  const verify = (c: Created) =>
    fetch(`${origin}/v1/cases/${c.id}/verify`, {
      method: "POST",
      headers: { ...c.by.auth, ...json, "if-match": `"v${c.version}"` },
      body: "{}",
    });
  const read = (c: Created) => fetch(`${origin}/v1/cases/${c.id}`, { headers: c.by.auth });
  const created: Created[] = [];
  const reportKept = (i: number) => keep(report(i), as(i), created);

  // Warm both up (bundling, isolates, first database opens, each token's first verification) unmeasured.
  const warm: Created[] = [];
  await load("warm-up", 20, 4, () => fetch(`${bare}/noop`));
  await load("warm-up", 20, 4, (i) => fetch(`${bare}/do/warm-${run}-${i}`, { method: "POST", body: "{}" }));
  await load("warm-up", 20, 4, () => fetch(`${origin}/healthz`));
  await load("warm-up", reporters.length, 4, (i) => keep(report(i), as(i), warm));
  await load("warm-up", warm.length, 4, (i) => verify(warm[i]!));
  await load("warm-up", warm.length, 4, (i) => read(warm[i]!));

  const inserted: string[] = [];
  const floors = {
    noop: await load("bare: no-op", count, concurrency, () => fetch(`${bare}/noop`)),
    insert: await load("bare: D1 insert (one statement)", count, concurrency, async (i) => {
      const res = await fetch(`${bare}/d1`, { method: "POST", body: caseBody(i, [0, 0]) });
      if (res.status === 201) inserted.push(((await res.clone().json()) as { id: string }).id);
      return res;
    }),
    read: await load("bare: D1 read by primary key", count, concurrency, (i) =>
      fetch(`${bare}/d1/${inserted[i % inserted.length]}`),
    ),
    newObject: await load("bare: new DO + one SQLite write", count, concurrency, (i) =>
      fetch(`${bare}/do/bench-${run}-${i}`, { method: "POST", body: caseBody(i, [0, 0]) }),
    ),
    write: await load("bare: one write to an existing DO", count, concurrency, (i) =>
      fetch(`${bare}/do/bench-${run}-${i}`, { method: "POST", body: '{"command":"verify"}' }),
    ),
  };
  const gateway = {
    healthz: await load("gateway: GET /healthz", count, concurrency, () => fetch(`${origin}/healthz`)),
    report: await load("gateway: report a case", count, concurrency, reportKept),
    verify: await load("gateway: verify (fresh reported case)", created.length, concurrency, (i) =>
      verify(created[i]!),
    ),
    read: await load("gateway: GET /v1/cases/{id}", created.length, concurrency, (i) => read(created[i]!)),
  };
  const results: LoadResult[] = [...Object.values(floors), ...Object.values(gateway)];
  console.log();
  printResults(results);
  console.log();
  printTargets([
    { what: "report a case / new DO + one write", of: gateway.report, floor: floors.newObject, target: 0.5 },
    { what: "verify / one write to an existing DO", of: gateway.verify, floor: floors.write, target: 0.6 },
    { what: "GET /v1/cases/{id} / D1 read", of: gateway.read, floor: floors.read, target: 0.8 },
    { what: "GET /healthz / no-op", of: gateway.healthz, floor: floors.noop, target: 0.5 },
    { what: "(report a case / D1 insert, for reference)", of: gateway.report, floor: floors.insert },
  ]);

  // One request at a time, so each span is the hop's own cost, not its wait for a busy isolate.
  const fresh: Created[] = [];
  for (let i = 0; i < sample; i++) await (await keep(report(count + i), as(count + i), fresh)).arrayBuffer();
  const hops = await hopBreakdown(
    {
      "GET /healthz": () => fetch(`${origin}/healthz`),
      "POST /v1/cases": (i) => report(2 * count + i),
      "POST /v1/cases/{id}/verify": (i) => verify(fresh[i]!),
      "GET /v1/cases/{id}": (i) => read(fresh[i]!),
    },
    Math.min(sample, fresh.length),
  );
  console.log();
  printHops(hops);
} finally {
  await stopAll(bareChild);
  await stopSystem(system);
}

type Reporter = { sub: string; auth: { authorization: string }; at: [number, number] };
type Created = { id: string; version: number; by: Reporter };

/** The demo city's grid workers with a login, each reporting in (and verifying cases of) their first grid. */
async function gridWorkers(): Promise<Reporter[]> {
  const centers = new Map(generateCity({}).grids.map((g) => [g.code, g.center] as const));
  const users = (await demoUsers())
    .filter((u) => u.roles.includes("grid_worker") && centers.has(u.grids?.[0] ?? ""))
    .slice(0, userCount);
  if (users.length === 0) throw new Error("no demo grid worker with a grid: run npm run demo:generate");
  return Promise.all(
    users.map(async (u) => ({
      sub: u.sub,
      auth: { authorization: `Bearer ${(await mintDevToken(u.sub)) as string}` },
      at: centers.get(u.grids![0]!)!,
    })),
  );
}

function caseBody(i: number, [lng, lat]: readonly [number, number]): string {
  return JSON.stringify({
    title: `路灯故障 ${i}`,
    description: "基准测试：路口路灯夜间不亮",
    categoryCode: "0802",
    lng,
    lat,
  });
}

async function keep(pending: Promise<Response>, by: Reporter, into: Created[]): Promise<Response> {
  const res = await pending;
  if (res.status === 201) into.push({ ...((await res.clone().json()) as { id: string; version: number }), by });
  return res;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url, { method: "POST" })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}
