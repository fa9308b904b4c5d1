// Benchmark (not a test): where the time of a case's hot paths goes, from the Server-Timing spans the gateway
// (`gw-*`) and the cases service (`cases-*`) put on each response. Sends sequential requests (one at a time, so the
// spans are not queueing time) through the gateway: report a case, verify it, read it; prints per span the median
// and p99 over the samples, and each path's wall-clock p50/p99.
// Run: npm run bench -- cases-spans     (or: npx tsx infra/bench/cases-spans.ts [samples]); E2E_PORT picks the port.
// SPANS_STATE_DIR=<dir> keeps the prepared local state there and reuses it on the next run (preparing the demo city
// takes minutes), so that two builds can be compared on the same data.
import fs from "node:fs";
import path from "node:path";
import { generateCity } from "@civicgrid/demo-data";
import { prepare, startAll, stopAll } from "../local/dev.mjs";
import { writeDevVars } from "../local/secrets.mjs";
import { mintDevToken } from "../local/token.mjs";

process.env.E2E_PORT ??= "8797";
const { E2E_ORIGIN: origin, startSystem, stopSystem } = await import("../../e2e/system");
const samples = Number(process.argv[2] ?? 50);
const warmUp = 10;

const grid = generateCity({}).grids.find((g) => g.code === "440703002101001")!;
const [lng, lat] = grid.center;

type Spans = Record<string, number>;
interface Sample {
  wall: number;
  spans: Spans;
}

/** `name;dur=1.2, other;dur=3` → { name: 1.2, other: 3 } (a repeated name adds up). */
function spansOf(header: string | null): Spans {
  const out: Spans = {};
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (name && dur) out[name] = (out[name] ?? 0) + Number(dur.slice(4));
  }
  return out;
}

async function sample(send: () => Promise<Response>, expected: number): Promise<{ sample: Sample; res: Response }> {
  const started = performance.now();
  const res = await send();
  const text = await res.text();
  const wall = performance.now() - started;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${text.slice(0, 300)}`);
  return { sample: { wall, spans: spansOf(res.headers.get("server-timing")) }, res: new Response(text, res) };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

function print(label: string, list: Sample[]): void {
  const walls = list.map((s) => s.wall);
  console.log(
    `\n${label}: ${list.length} sequential requests, wall p50 ${quantile(walls, 0.5).toFixed(1)} ms, p99 ${quantile(walls, 0.99).toFixed(1)} ms`,
  );
  const names = [...new Set(list.flatMap((s) => Object.keys(s.spans)))];
  for (const name of names) {
    const values = list.map((s) => s.spans[name] ?? 0);
    console.log(
      `  ${name.padEnd(22)} p50 ${quantile(values, 0.5).toFixed(1).padStart(7)} ms   p99 ${quantile(values, 0.99).toFixed(1).padStart(7)} ms`,
    );
  }
}

/** The system on prepared state kept in `dir` (prepared once), as startSystem starts it. */
async function startOn(dir: string) {
  const marker = path.join(dir, "prepared");
  if (!fs.existsSync(marker)) {
    fs.mkdirSync(dir, { recursive: true });
    await prepare(dir);
    fs.writeFileSync(marker, new Date().toISOString());
  } else await writeDevVars(); // each checkout's .dev.vars, from the local secrets prepare keeps

  const log = fs.openSync(path.join(dir, "wrangler-dev.log"), "a");
  const port = Number(process.env.E2E_PORT);
  // The same variables as e2e's startSystem: tokens are checked against this system's own dev issuer.
  const extraArgs = ["--inspector-port", String(port + 1000), "--var", `AUTH_JWKS_URL:${origin}/dev/jwks.json`];
  extraArgs.push("--var", "AUTH_ISSUER:http://127.0.0.1:8787/dev");
  const child = startAll({ stateDir: dir, port, stdio: ["ignore", log, log], extraArgs });
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { stop: () => stopAll(child) };
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stopAll(child);
  throw new Error("the system did not become healthy in 10 minutes");
}

console.log(`starting the system on ${origin}`);
const kept = process.env.SPANS_STATE_DIR;
const system = kept ? await startOn(kept) : await startSystem().then((s) => ({ stop: () => stopSystem(s) }));
try {
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
  const reports: Sample[] = [];
  const verifies: Sample[] = [];
  const reads: Sample[] = [];
  for (let i = 0; i < warmUp + samples; i++) {
    const opened = await sample(() => fetch(`${origin}/v1/cases`, { method: "POST", headers, body: body(i) }), 201);
    const c = (await opened.res.json()) as { id: string; version: number };
    const verified = await sample(
      () =>
        fetch(`${origin}/v1/cases/${c.id}/verify`, {
          method: "POST",
          headers: { ...headers, "if-match": `"v${c.version}"` },
          body: "{}",
        }),
      200,
    );
    const read = await sample(() => fetch(`${origin}/v1/cases/${c.id}`, { headers }), 200);
    if (i < warmUp) continue;
    reports.push(opened.sample);
    verifies.push(verified.sample);
    reads.push(read.sample);
  }
  print("report (POST /v1/cases)", reports);
  print("transition (POST /v1/cases/{id}/verify)", verifies);
  print("read (GET /v1/cases/{id})", reads);
} finally {
  await system.stop();
}
