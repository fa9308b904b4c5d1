// Benchmark (not a test): case creation and one transition through the gateway on local workerd,
// against a bare worker doing only the storage write (a D1 insert; a Durable Object SQLite write),
// in the same run on the same machine. Prints throughput, p50/p99 and the ratios.
// Run: npm run bench -- cases-gateway      (or: npx tsx infra/bench/cases-gateway.ts [count] [concurrency])
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mintDevToken } from "../local/token.mjs";
import { stopAll } from "../local/dev.mjs";
import { wranglerSpawn } from "../local/wrangler.mjs";
import { generateCity } from "@civicgrid/demo-data";
import { load, printResults, type LoadResult } from "./load";

process.env.E2E_PORT ??= "8797";
const { E2E_ORIGIN: origin, startSystem, stopSystem } = await import("../../e2e/system");
const count = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 8);
const barePort = 8796;
const bare = `http://127.0.0.1:${barePort}`;
const here = path.dirname(fileURLToPath(import.meta.url));

const grid = generateCity({}).grids.find((g) => g.code === "440703002101001")!;
const [lng, lat] = grid.center;

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
    "9796",
    "--show-interactive-dev-session=false",
  ],
  { stdio: "ignore" },
);
try {
  await waitFor(`${bare}/d1`, "POST");
  const token = (await mintDevToken("demo-grid-worker")) as string;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const body = (i: number) =>
    JSON.stringify({
      title: `路灯故障 ${i}`,
      description: "基准测试：路口路灯夜间不亮",
      categoryCode: "0802",
      lng,
      lat,
    });

  // Warm both up so that start-up (bundling, isolates, first D1 open) is not measured.
  await load("warm-up", 20, 4, (i) => fetch(`${bare}/d1`, { method: "POST", body: body(i) }));
  await load("warm-up", 20, 4, (i) => fetch(`${origin}/v1/cases`, { method: "POST", headers, body: body(i) }));

  const results: LoadResult[] = [];
  results.push(
    await load("bare worker: one D1 insert", count, concurrency, (i) =>
      fetch(`${bare}/d1`, { method: "POST", body: body(i) }),
    ),
  );
  results.push(
    await load("bare worker: one DO write (new object)", count, concurrency, (i) =>
      fetch(`${bare}/do/bench-${i}-${Date.now()}`, { method: "POST", body: body(i) }),
    ),
  );
  const created: { id: string; version: number }[] = [];
  results.push(
    await load("gateway: create a case (report)", count, concurrency, async (i) => {
      const res = await fetch(`${origin}/v1/cases`, { method: "POST", headers, body: body(i) });
      if (res.status === 201) created.push((await res.clone().json()) as { id: string; version: number });
      return res;
    }),
  );
  results.push(
    await load("gateway: one transition (verify)", created.length, concurrency, (i) =>
      fetch(`${origin}/v1/cases/${created[i]!.id}/verify`, {
        method: "POST",
        headers: { ...headers, "if-match": `"v${created[i]!.version}"` },
        body: "{}",
      }),
    ),
  );
  printResults(results, {
    "gateway: create a case (report)": "bare worker: one D1 insert",
    "gateway: one transition (verify)": "bare worker: one DO write (new object)",
  });
} finally {
  await stopAll(bareChild);
  await stopSystem(system);
}

async function waitFor(url: string, method: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url, { method, body: method === "POST" ? "{}" : undefined })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}
