// `npm run dev` loads the demo base data (一标三实) of one whole township into the running system through the
// service's own public API, as a county does: the township agency uploads the CSV ledgers (addresses → houses →
// units → people, each applied before the next) and the grid workers record their visits of the last 7 days.
// The ledgers are written by packages/demo-data (basedata/ledgers.ts) to .dev/demo/basedata/, where they also
// serve as sample ledgers; a marker in the state directory keyed by their hash says they are loaded.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEV_DIR, GATEWAY_ORIGIN, OFFLINE_ENV, ROOT, STATE_DIR } from "./env.mjs";
import { demoUsers, mintDevToken } from "./token.mjs";

export const LEDGER_DIR = path.join(DEV_DIR, "demo", "basedata");
const MARKER = "basedata-demo.json";

/**
 * @typedef {{ kind: string, divisionCode: string, fileName: string, rows: number }} LedgerEntry
 * @typedef {import("@civicgrid/demo-data").DemoVisit} DemoVisit
 * @typedef {{ hash: string, asOf: string, townshipCode: string, counts: import("@civicgrid/demo-data").BaseDataCounts,
 *   files: LedgerEntry[], visits: DemoVisit[] }} Manifest
 */

/** Runs under tsx (the generator is TypeScript): writes the CSV ledgers and manifest.json into `dir`. */
async function writeLedgers(/** @type {string} */ dir) {
  const { generateBaseData, generateCity, ledgerFiles } = await import("@civicgrid/demo-data");
  const data = generateBaseData(generateCity({}));
  const files = ledgerFiles(data);
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash("sha256");
  for (const f of files) {
    fs.writeFileSync(path.join(dir, f.fileName), f.csv);
    hash.update(f.fileName).update(f.csv);
  }
  hash.update(JSON.stringify(data.visits));
  /** @type {Manifest} */
  const manifest = {
    hash: hash.digest("hex"),
    asOf: data.asOf,
    townshipCode: data.townshipCode,
    counts: data.counts,
    files: files.map(({ kind, divisionCode, fileName, rows }) => ({ kind, divisionCode, fileName, rows })),
    visits: data.visits,
  };
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
}

/** The ledgers as the generator makes them now (about two seconds), in a child so dev.mjs stays plain Node. */
async function generate(/** @type {string} */ dir) {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [new URL(import.meta.url).pathname, "write", dir], { cwd: ROOT, env: OFFLINE_ENV });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`writing the ledgers failed: ${stderr.trim()}`);
  return /** @type {Manifest} */ (JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")));
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the gateway answers /healthz (wrangler dev takes a while to build every worker). */
async function healthy(/** @type {string} */ origin, /** @type {AbortSignal} */ signal) {
  for (let i = 0; i < 300; i++) {
    signal.throwIfAborted();
    const res = await fetch(`${origin}/healthz?deep=1`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    if (res?.ok) return;
    await sleep(1000);
  }
  throw new Error(`the gateway at ${origin} did not become healthy`);
}

/**
 * A JSON call of the API as a demo user; a 429 (the gateway's rate limit) waits and tries again.
 * @param {{ origin: string, token: string, signal: AbortSignal }} api
 * @param {string} method @param {string} url @param {BodyInit | undefined} body @param {Record<string, string>} headers
 * @returns {Promise<{ status: number, json: any }>}
 */
export async function call(api, method, url, body = undefined, headers = {}) {
  for (;;) {
    api.signal.throwIfAborted();
    const res = await fetch(`${api.origin}${url}`, {
      method,
      body,
      headers: { authorization: `Bearer ${api.token}`, ...headers },
      signal: api.signal,
    });
    if (res.status === 429) {
      await sleep(1000 * Number(res.headers.get("retry-after") ?? 5));
      continue;
    }
    return { status: res.status, json: await res.json().catch(() => null) };
  }
}

/** Uploads one ledger and waits until it is applied; a rejected or failed import throws with its first errors. */
async function importLedger(
  /** @type {Parameters<typeof call>[0]} */ api,
  /** @type {LedgerEntry} */ file,
  /** @type {string} */ hash,
) {
  const q = new URLSearchParams({ kind: file.kind, townshipCode: file.divisionCode, fileName: file.fileName });
  // The same key for the same ledgers: a restart before the marker was written finds the import it started.
  const headers = { "content-type": "text/csv", "idempotency-key": `demo-${hash.slice(0, 16)}-${file.kind}` };
  const csv = fs.readFileSync(path.join(LEDGER_DIR, file.fileName));
  const posted = await call(api, "POST", `/v1/basedata/imports?${q}`, csv, headers);
  if (posted.status !== 202) throw new Error(`${file.fileName}: ${posted.status} ${JSON.stringify(posted.json)}`);
  let shown = -1;
  for (let view = posted.json; ; view = (await call(api, "GET", `/v1/basedata/imports/${view.id}`)).json) {
    if (view.status === "applied") return view;
    if (view.status === "rejected" || view.status === "failed")
      throw new Error(`${file.fileName} ${view.status}: ${JSON.stringify(view.errors.slice(0, 5))}`);
    if (view.appliedChunks !== shown && view.chunks > 0) {
      shown = view.appliedChunks;
      console.log(`  demo base data: ${file.kind} ${view.appliedRows}/${file.rows} rows applied`);
    }
    await sleep(1000);
  }
}

const DAY = 86_400_000;

/**
 * The demo's visits of the 7 days before its day (asOf), moved to the same days before today: the service takes a
 * visit up to 7 days back (workers sync later), so the older ones are skipped. Each is recorded as its worker;
 * visits of workers without a demo login (users.ts gives logins to every tenth grid's workers) are skipped too.
 * @param {{ origin: string, signal: AbortSignal }} at @param {DemoVisit[]} visits @param {string} asOf
 * @param {string} hash
 */
async function recordVisits({ origin, signal }, visits, asOf, hash) {
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const shift = Date.parse(today) - Date.parse(asOf);
  const recent = visits
    .map((v, i) => ({ v, i, at: Date.parse(v.at) + shift }))
    .filter(({ at }) => at <= now && at > now - 7 * DAY + 3_600_000);
  const mine = recent.filter(({ v }) => v.visitorSub);
  /** @type {Map<string, Promise<string>>} */
  const tokens = new Map();
  const tokenOf = (/** @type {string} */ sub) => {
    const token = tokens.get(sub) ?? mintDevToken(sub);
    tokens.set(sub, token);
    return token;
  };
  let next = 0;
  const worker = async () => {
    for (let item = mine[next++]; item; item = mine[next++]) {
      const { v, i, at } = item;
      const api = { origin, signal, token: await tokenOf(/** @type {string} */ (v.visitorSub)) };
      const body = {
        targetKind: v.subject.kind,
        targetId: v.subject.id,
        visitedAt: new Date(at).toISOString(),
        lng: v.lng,
        lat: v.lat,
        outcome: v.note,
        needs: v.needs.map((n) => ({ text: n.description, openCase: n })),
        ...(v.tagKind ? { tagKind: v.tagKind } : {}),
      };
      const headers = {
        "content-type": "application/json",
        "idempotency-key": `demo-${hash.slice(0, 16)}-v${i}-${today}`,
      };
      const res = await call(api, "POST", "/v1/basedata/visits", JSON.stringify(body), headers);
      if (res.status !== 201) throw new Error(`visit of ${v.subject.id}: ${res.status} ${JSON.stringify(res.json)}`);
    }
  };
  // Four at a time: well under the gateway's 600 requests a minute per caller.
  await Promise.all([worker(), worker(), worker(), worker()]);
  const older = visits.length - recent.length;
  const why = `${older} older than 7 days, ${recent.length - mine.length} by workers without a login`;
  return { recorded: mine.length, skipped: visits.length - mine.length, why };
}

/**
 * Loads the demo base data unless the marker says these ledgers are in; never throws (an error is printed, the
 * marker is not written, so the next `npm run dev` tries again).
 * @param {{ stateDir?: string, origin?: string, signal: AbortSignal }} options
 */
export async function loadBaseDataDemo({ stateDir = STATE_DIR, origin = GATEWAY_ORIGIN, signal }) {
  const started = Date.now();
  try {
    const manifest = await generate(LEDGER_DIR);
    const markerFile = path.join(stateDir, MARKER);
    const marker = fs.existsSync(markerFile) ? JSON.parse(fs.readFileSync(markerFile, "utf8")) : {};
    if (marker.hash === manifest.hash) return void console.log("civicgrid: demo base data current");
    console.log(`civicgrid: loading the demo base data of ${manifest.townshipCode} (ledgers in ${LEDGER_DIR})`);
    await healthy(origin, signal);
    const users = await demoUsers();
    const sub =
      users.find((u) => u.sub === `user-agency-${manifest.townshipCode.slice(0, 9)}-1`)?.sub ??
      users.find((u) => u.roles.includes("agency") && u.divisionCode === manifest.townshipCode)?.sub;
    if (!sub) throw new Error(`no demo agency user of ${manifest.townshipCode}`);
    const api = { origin, token: await mintDevToken(sub), signal };
    /** @type {Record<string, number>} */
    const applied = {};
    for (const file of manifest.files) applied[file.kind] = (await importLedger(api, file, manifest.hash)).appliedRows;
    const visits = await recordVisits({ origin, signal }, manifest.visits, manifest.asOf, manifest.hash);
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(markerFile, JSON.stringify({ hash: manifest.hash, applied, visits, seconds }, null, 2));
    const c = manifest.counts;
    console.log(
      `civicgrid: demo base data loaded in ${seconds} s: ${c.villages} villages, ${applied.addresses} addresses, ` +
        `${applied.houses} houses, ${applied.units} units, ${applied.people} people (${c.households} households), ` +
        `${c.tags} tags, ${visits.recorded} visits of the last 7 days (${visits.skipped} skipped: ${visits.why})`,
    );
  } catch (error) {
    if (signal.aborted) return;
    console.error(`civicgrid: demo base data NOT loaded: ${error instanceof Error ? error.message : String(error)}`);
    console.error("  (a base holding other data refuses the ledgers: stop, remove .wrangler/state, run again)");
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "write")
  await writeLedgers(process.argv[3] ?? LEDGER_DIR);
