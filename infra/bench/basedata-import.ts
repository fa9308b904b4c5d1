// Benchmark (not a test): a 100,000-row address ledger (台账) of one township, 20 villages × 5,000 rooms, imported
// into a local Miniflare instance of services/basedata (its own wrangler.toml: D1, R2, the import queue and the
// village Durable Objects; REGISTRY, ROSTER and CASES stubbed as services/basedata/test/stub-services.ts does, the
// registry placing each village's points in its own grid). Prints the parse step's peak memory (Node, the file
// streamed in 64 KiB pieces as R2 hands it over, CSV and XLSX), then the import's wall time and rows/s end to end:
// upload → validation → every chunk applied in its village's object.
// Run: npm run bench -- basedata-import      (or: npx tsx infra/bench/basedata-import.ts [rows])
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { TEST_INTERNAL_SECRET } from "../../packages/testing/src/constants";
import { asPrincipal } from "../../packages/testing/src/headers";
import { wranglerSync } from "../local/wrangler.mjs";
import { csvRecords } from "../../services/basedata/src/imports/csv";
import { textOf } from "../../services/basedata/src/imports/decode";
import { validateRecords } from "../../services/basedata/src/imports/validate";
import { xlsxRecords } from "../../services/basedata/src/imports/xlsx";
import { casesStubScript, rosterStubScript } from "../../services/basedata/test/stub-services";
import { csv, xlsx } from "../../services/basedata/test/fixtures/ledgers";

const ROWS = Number(process.argv[2] ?? 100_000);
const VILLAGES = 20;
const TOWNSHIP = "440703001000";
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const service = path.join(root, "services/basedata");

const villageCode = (v: number) => `440703001${String(v + 1).padStart(3, "0")}`;
/** Row i: village i mod 20; in it road, door, building and room (50 roads × 10 doors × 2 buildings × 5 rooms). */
function ledgerRows(): (string | number)[][] {
  const header = ["村/社区代码", "道路", "门牌号", "楼栋", "房号", "经度", "纬度"];
  const rows: (string | number)[][] = [header];
  for (let i = 0; i < ROWS; i++) {
    const v = i % VILLAGES;
    const n = Math.floor(i / VILLAGES);
    const [room, building, door, road] = [n % 5, Math.floor(n / 5) % 2, Math.floor(n / 10) % 10, Math.floor(n / 100)];
    const lng = +(113 + (v + 1) * 0.01 + door * 0.0001).toFixed(4);
    rows.push([villageCode(v), `第${road + 1}路`, `${door + 1}号`, `${building + 1}栋`, `${room + 1}01`, lng, 22.5]);
  }
  return rows;
}

/** The registry: a point lies in grid 001 of the village its longitude names (113.01 → village 001, …). */
const registryScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  health() { return { service: "registry", ok: true }; }
  locate(lng, lat) {
    const v = Math.round((lng - 113) * 100);
    if (v < 1 || v > ${VILLAGES} || Math.abs(lat - 22.5) > 0.01) return null;
    const villageCode = "440703001" + String(v).padStart(3, "0");
    return { gridCode: villageCode + "001", gridName: "网格", villageCode, townshipCode: "${TOWNSHIP}", countyCode: "440703000000" };
  }
  locateMany(points) { return points.map((p) => this.locate(p.lng, p.lat)); }
  grid() { return null; }
}`;

async function* pieces(bytes: Uint8Array, sample: () => void): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 65_536) {
    sample();
    yield bytes.slice(i, i + 65_536);
  }
}

// A full collection before each sample, so the figure is what the parse step keeps alive, not garbage not yet swept.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Peak live heap (and RSS) growth while validating the file, sampled at every piece read and every 50th chunk. */
async function parsePeak(bytes: Uint8Array, format: "csv" | "xlsx") {
  gc();
  const base = process.memoryUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    gc();
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
    rss = Math.max(rss, m.rss - base.rss);
  };
  const started = performance.now();
  const records =
    format === "csv" ? csvRecords(textOf(pieces(bytes, sample))) : xlsxRecords(() => pieces(bytes, sample));
  const input = { kind: "addresses" as const, division: TOWNSHIP, township: true, today: "2026-12-01", fileName: "b" };
  let chunks = 0;
  const result = await validateRecords(records, input, { put: async () => void (++chunks % 50 === 0 && sample()) });
  sample();
  const mb = (n: number) => +(n / 1_048_576).toFixed(1);
  return {
    format,
    fileMB: mb(bytes.length),
    rows: result.rows,
    errors: result.errorCount,
    chunks,
    parseSeconds: +((performance.now() - started) / 1000).toFixed(2),
    peakLiveHeapGrowthMB: mb(heap),
    peakRssGrowthMB: mb(rss),
  };
}

const rows = ledgerRows();
const csvBytes = new TextEncoder().encode(csv(rows));
console.log(`basedata import: ${ROWS} rows, ${VILLAGES} villages (node ${process.version}, ${os.cpus().length} cores)`);
console.log("parse step", JSON.stringify(await parsePeak(csvBytes, "csv")));
console.log("parse step", JSON.stringify(await parsePeak(xlsx(rows), "xlsx")));

const out = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-basedata-bench-"));
wranglerSync(["deploy", "--dry-run", "--outdir", out, "-c", path.join(service, "wrangler.toml")], { quiet: true });
const miniflare = path.join(root, "node_modules/wrangler/node_modules/miniflare/dist/src/index.js");
// Miniflare 5 takes a new option shape; the v4 shape (what wrangler's worker options are) converts into it.
const { Miniflare, convertV4MiniflareOptions } = (await import(miniflare)) as {
  Miniflare: new (options: unknown) => {
    getD1Database(binding: string, worker: string): Promise<D1Like>;
    dispatchFetch(url: string, init?: RequestInit): Promise<Response>;
    dispose(): Promise<void>;
  };
  convertV4MiniflareOptions(options: unknown): unknown;
};
type D1Like = { prepare(sql: string): { run(): Promise<unknown> } };
const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(service, "wrangler.toml"));
// The storage bindings of wrangler.toml as they are (D1, R2, the queues, the Durable Objects); the rest set here.
const KEPT = [
  "compatibilityDate",
  "compatibilityFlags",
  "r2Buckets",
  "d1Databases",
  "queueProducers",
  "queueConsumers",
];
const own = Object.fromEntries(
  Object.entries(workerOptions).filter(([k]) => [...KEPT, "durableObjects"].includes(k)),
) as Record<string, unknown>;
const stub = (name: string, script: string) => ({ name, modules: true, compatibilityDate: "2026-10-01", script });
const mf = new Miniflare(
  convertV4MiniflareOptions({
    workers: [
      {
        ...own,
        name: "basedata",
        modules: true,
        modulesRoot: out,
        scriptPath: path.join(out, "index.js"),
        bindings: {
          PII_KEY: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
          INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
        },
        serviceBindings: { REGISTRY: "stub-registry", ROSTER: "stub-roster", CASES: "stub-cases" },
      },
      stub("stub-registry", registryScript),
      stub("stub-roster", rosterStubScript),
      stub("stub-cases", casesStubScript),
    ],
  }),
);
try {
  const db = await mf.getD1Database("DB", "basedata");
  for (const file of fs
    .readdirSync(path.join(service, "migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const sql of fs.readFileSync(path.join(service, "migrations", file), "utf8").split("--> statement-breakpoint"))
      if (sql.trim()) await db.prepare(sql).run();
  const agency = { sub: "bench-township", roles: ["agency" as const], divisionCode: TOWNSHIP };
  // The gateway's signed principal lives a minute: signed again for every request.
  const headers = () => asPrincipal(agency, { "content-type": "text/csv" });
  const started = performance.now();
  const res = await mf.dispatchFetch(`http://basedata/v1/basedata/imports?kind=addresses&townshipCode=${TOWNSHIP}`, {
    method: "POST",
    headers: await headers(),
    body: csvBytes,
  });
  if (res.status !== 202) throw new Error(`upload refused ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const uploaded = performance.now();
  let validated = 0;
  let view: { status: string; rows: number; appliedRows: number; chunks: number; errors: unknown[] };
  let reported = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const got = await mf.dispatchFetch(`http://basedata/v1/basedata/imports/${id}`, { headers: await headers() });
    view = (await got.json()) as typeof view;
    if (!validated && view.status !== "validating") validated = performance.now();
    if (view.status !== "validating" && view.status !== "applying") break;
    if (performance.now() - reported > 30_000) {
      reported = performance.now();
      console.log(
        `  ${view.status}: ${view.appliedRows} rows applied after ${((reported - started) / 1000).toFixed(0)} s`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    "import",
    JSON.stringify({
      status: view.status,
      rows: view.rows,
      appliedRows: view.appliedRows,
      chunks: view.chunks,
      errors: view.errors.slice(0, 3),
      uploadSeconds: +((uploaded - started) / 1000).toFixed(2),
      validateSeconds: +((validated - uploaded) / 1000).toFixed(2),
      wallSeconds: +seconds.toFixed(1),
      rowsPerSecond: Math.round(view.appliedRows / seconds),
    }),
  );
} finally {
  await mf.dispose();
  fs.rmSync(out, { recursive: true, force: true });
}
