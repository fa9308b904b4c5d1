// `npm run client:generate`: writes src/schema.d.ts from the live merged /openapi.json. It reads the document
// from the gateway at $CIVICGRID_ORIGIN (default: `npm run dev`'s) when one answers; otherwise it starts the
// whole system itself, as the e2e suite does (fresh state in a temporary folder, on a spare port), and stops it.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { prepare, startAll, stopAll } from "../../infra/local/dev.mjs";
import { SCHEMA_FILE, schemaSource } from "./generate-lib.mjs";

const ORIGIN = process.env.CIVICGRID_ORIGIN ?? "http://127.0.0.1:8787";

/** @param {string} origin */
async function healthy(origin) {
  const res = await fetch(`${origin}/healthz?deep=1`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  return res?.ok === true;
}

/** @param {string} origin */
async function documentOf(origin) {
  const res = await fetch(`${origin}/openapi.json`);
  if (!res.ok) throw new Error(`${origin}/openapi.json answered ${res.status}`);
  return /** @type {object} */ (await res.json());
}

/** A port nothing listens on now (CIVICGRID_GENERATE_PORT chooses one instead). */
async function sparePort() {
  if (process.env.CIVICGRID_GENERATE_PORT) return Number(process.env.CIVICGRID_GENERATE_PORT);
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function documentFromOwnSystem() {
  const port = await sparePort();
  const inspectorPort = await sparePort().then((p) => (p === port ? p + 1000 : p));
  const origin = `http://127.0.0.1:${port}`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-client-"));
  const logFile = path.join(stateDir, "wrangler-dev.log");
  console.log(`client:generate: no gateway at ${ORIGIN}; starting the system on ${origin} (log: ${logFile})`);
  await prepare(stateDir);
  const log = fs.openSync(logFile, "a");
  const child = startAll({
    stateDir,
    port,
    stdio: ["ignore", log, log],
    extraArgs: ["--inspector-port", String(inspectorPort)],
  });
  try {
    const deadline = Date.now() + 180_000;
    while (!(await healthy(origin))) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`the system did not become healthy:\n${tail(logFile)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return await documentOf(origin);
  } finally {
    await stopAll(child);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** @param {string} file */
const tail = (file) => fs.readFileSync(file, "utf8").slice(-4000);

const doc = (await healthy(ORIGIN)) ? await documentOf(ORIGIN) : await documentFromOwnSystem();
const source = await schemaSource(doc);
const before = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
if (source === before) {
  console.log(`client:generate: ${path.relative(process.cwd(), SCHEMA_FILE)} is up to date`);
} else {
  fs.writeFileSync(SCHEMA_FILE, source);
  console.log(`client:generate: wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
