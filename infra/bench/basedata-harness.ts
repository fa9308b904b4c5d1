// The base-data service in one local workerd (Miniflare) for the base-data benchmarks: the service's own bundle
// (wrangler's dry-run build) with its wrangler.toml's queues (the import queue consumed, as deployed), its D1
// migrated, stand-ins for roster and cases from the service's tests, and a registry stand-in that places points in
// the demo city's real grid polygons and knows its divisions. A thin wrapper around the bundle adds
// only what a benchmark measures and the service does not answer: the SQLite size of an object
// (ctx.storage.sql.databaseSize), a village's outbox rows, a direct call of an identity shard's RPC (put/find, as
// identity/client.ts does).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PRINCIPAL_HEADER, signInternalPrincipal } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import type { Division, Grid } from "@civicgrid/demo-data";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { casesStubScript, rosterStubScript } from "../../services/basedata/test/stub-services";
import { registryStub } from "./basedata-registry-stub";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const serviceDir = path.join(root, "services/basedata");
// Miniflare comes with wrangler (the repository's local runtime); resolved through it, no dependency of its own.
// Its v5 options are grouped per worker; the v4 shape used here is converted by its own convertV4MiniflareOptions.
// Typed here by what the harness uses: miniflare is wrangler's dependency, not the repository's.
interface MiniflareInstance {
  ready: Promise<URL>;
  dispatchFetch(url: string, init?: RequestInit): Promise<Response>;
  getD1Database(binding: string, worker: string): Promise<{ prepare(sql: string): { run(): Promise<unknown> } }>;
  dispose(): Promise<void>;
}
const { Miniflare, convertV4MiniflareOptions } = createRequire(
  createRequire(import.meta.url).resolve("wrangler/package.json"),
)("miniflare") as {
  Miniflare: new (options: object) => MiniflareInstance;
  convertV4MiniflareOptions(options: object): object;
};

const SECRET = `bench-internal-${process.pid}-${Date.now()}`;
/** A benchmark-only PII key (32 random bytes); no environment uses it. */
const PII_KEY = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
const COMPAT = { compatibilityDate: "2026-10-01", compatibilityFlags: ["nodejs_compat"] };

const WRAPPER = `
import Service, { VillageDO as Village, IdentityShardDO as Shard } from "./index.js";
export class VillageDO extends Village {
  benchSize() { return this.ctx.storage.sql.databaseSize; }
  benchOutbox() {
    return this.ctx.storage.sql.exec("SELECT destination, count(*) AS rows FROM outbox GROUP BY destination").toArray();
  }
}
export class IdentityShardDO extends Shard { benchSize() { return this.ctx.storage.sql.databaseSize; } }
export default class extends Service {
  async fetch(request) {
    const url = new URL(request.url);
    if (!url.pathname.startsWith("/__bench/")) return super.fetch(request);
    const ns = this.env[url.searchParams.get("ns")];
    const stub = ns.get(ns.idFromName(url.searchParams.get("name")));
    if (url.pathname === "/__bench/size") return Response.json({ bytes: await stub.benchSize() });
    if (url.pathname === "/__bench/outbox") return Response.json(await stub.benchOutbox());
    const body = await request.json();
    if (url.pathname === "/__bench/identity/put") return Response.json({ applied: await stub.put(body.updates) });
    if (url.pathname === "/__bench/identity/find") return Response.json(await stub.find(body.kind, body.hash));
    return new Response("no such bench route", { status: 404 });
  }
}`;

export interface BaseDataSystem {
  call(principal: Principal, method: string, route: string, body?: unknown): Promise<Response>;
  /** A ledger upload (text/csv), as a browser sends one: the body is the file. */
  upload(principal: Principal, route: string, csv: string): Promise<Response>;
  bench(route: string, params: Record<string, string>, body?: unknown): Promise<Response>;
  /** Resident memory of the workerd processes, MB (the object's JS heap lives in it). */
  workerdRssMb(): number;
  stop(): Promise<void>;
}

export async function startBaseData(
  grids: readonly Grid[],
  divisions: readonly Division[] = [],
): Promise<BaseDataSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-bench-basedata-"));
  const build = spawnSync(
    path.join(root, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", path.join(dir, "bundle"), "-c", path.join(serviceDir, "wrangler.toml")],
    { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  if (build.status !== 0) throw new Error(`bundling services/basedata failed:\n${build.stderr}`);
  fs.writeFileSync(path.join(dir, "bundle", "bench.js"), WRAPPER);
  const stub = (name: string, script: string) => ({ name, modules: true, script, ...COMPAT });
  // The queues as wrangler.toml declares them: the import queue is consumed by the service, as deployed.
  const { queueProducers, queueConsumers } = unstable_getMiniflareWorkerOptions(
    path.join(serviceDir, "wrangler.toml"),
  ).workerOptions;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      // The service's request logs are not printed (a benchmark should not time the terminal); its errors are.
      handleStructuredLogs: (log: { level: string; message: string }) => {
        if (log.level === "error") console.error(`basedata: ${log.message.slice(0, 2000)}`);
      },
      durableObjectsPersist: path.join(dir, "do"),
      d1Persist: path.join(dir, "d1"),
      workers: [
        {
          name: "basedata",
          modulesRoot: path.join(dir, "bundle"),
          modules: [
            { type: "ESModule", path: path.join(dir, "bundle", "bench.js") },
            { type: "ESModule", path: path.join(dir, "bundle", "index.js") },
          ],
          ...COMPAT,
          bindings: { PII_KEY, INTERNAL_TOKEN_SECRET: SECRET },
          d1Databases: { DB: "basedata" },
          r2Buckets: ["IMPORTS"],
          queueProducers,
          queueConsumers,
          durableObjects: {
            VILLAGE: { className: "VillageDO", useSQLite: true },
            IDENTITY: { className: "IdentityShardDO", useSQLite: true },
          },
          serviceBindings: { REGISTRY: "stub-registry", ROSTER: "stub-roster", CASES: "stub-cases" },
        },
        stub("stub-registry", registryStub(grids, divisions)),
        stub("stub-roster", rosterStubScript),
        stub("stub-cases", casesStubScript),
      ],
    }),
  );
  await mf.ready;
  const d1 = await mf.getD1Database("DB", "basedata");
  const migrations = path.join(serviceDir, "migrations");
  for (const file of fs
    .readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const statement of fs.readFileSync(path.join(migrations, file), "utf8").split("--> statement-breakpoint"))
      if (statement.trim()) await d1.prepare(statement).run();

  const origin = "http://basedata.bench";
  // The gateway's signed principal lives a minute: signed again for every request.
  const send = async (principal: Principal, method: string, route: string, type: string, body?: string) =>
    (await mf.dispatchFetch(`${origin}${route}`, {
      method,
      headers: { [PRINCIPAL_HEADER]: await signInternalPrincipal(principal, SECRET), "content-type": type },
      body,
    })) as Response;
  return {
    call: (principal, method, route, body) =>
      send(principal, method, route, "application/json", body === undefined ? undefined : JSON.stringify(body)),
    upload: (principal, route, csv) => send(principal, "POST", route, "text/csv", csv),
    bench: async (route, params, body) =>
      (await mf.dispatchFetch(`${origin}/__bench/${route}?${new URLSearchParams(params)}`, {
        method: "POST",
        body: JSON.stringify(body ?? {}),
      })) as unknown as Response,
    workerdRssMb: () => workerdRss(),
    stop: async () => {
      await mf.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory (MB) of this process's workerd children. */
function workerdRss(): number {
  let kb = 0;
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (parent === process.pid && /Name:\s+workerd/.test(status))
        kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

/** The machine the figures come from: cores shared with whatever else runs (load average). */
export function machine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${load}`;
}

/** p50/p99/max of durations in ms. */
export function percentiles(ms: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? Number.NaN) };
}
