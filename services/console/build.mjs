// Builds the screens into dist/ (served by this worker as Workers Static Assets): the console at `/` and the
// resident pages (H5) at `/h5/`, each an esbuild bundle with hashed, code-split chunks under /assets/ (the map and
// the charts load only on the pages that draw them). `--mode development` (npm run dev, the e2e system) keeps the
// development sign-in picker; the production build (deploy) leaves it out entirely: `__DEV_SIGN_IN__` is false and
// esbuild drops the code. Prints each app's first-load JavaScript, gzipped, against its budget (issue 18).
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const KIB = 1024;

/** Gzipped first-load JavaScript allowed per app (issue 18: residents on phones, staff on PCs). */
export const BUDGETS = { resident: 250 * KIB, console: 700 * KIB };

const APPS = {
  console: { entry: "app/console/main.tsx", page: "index.html", title: "civicgrid 网格化服务管理平台" },
  resident: { entry: "app/resident/main.tsx", page: "h5/index.html", title: "civicgrid 居民服务" },
};

/**
 * MapLibre GL 6 draws in a separate worker script (maplibre-gl-worker.mjs, self-contained). Importing that file gives
 * its URL: esbuild copies it, hashed, into /assets/ (the `file` loader for this one file, not for every .mjs), and
 * the map page hands the URL to `setWorkerUrl` so the worker loads from this origin (CSP worker-src 'self').
 * @type {esbuild.Plugin}
 */
const workerScriptUrls = {
  name: "worker-script-urls",
  setup(build) {
    build.onLoad({ filter: /[\\/]maplibre-gl-worker\.mjs$/ }, async (args) => ({
      contents: await fs.promises.readFile(args.path),
      loader: "file",
    }));
  },
};

/**
 * @param {{ mode?: "development" | "production", outdir?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ app: string, firstLoadGzip: number, budget: number }[]>}
 */
export async function buildApps({ mode = "production", outdir = path.join(here, "dist"), quiet = false } = {}) {
  // The folder is kept and only its stale files removed afterwards: a running `wrangler dev` watches it, and a
  // folder deleted under its watcher would leave it serving the old asset list.
  const before = listFiles(outdir);
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: Object.fromEntries(Object.entries(APPS).map(([name, a]) => [name, a.entry])),
    outdir: path.join(outdir, "assets"),
    publicPath: "/assets/",
    bundle: true,
    splitting: true,
    format: "esm",
    target: ["es2022", "chrome100", "safari15"],
    minify: mode === "production",
    sourcemap: mode === "production" ? false : "linked",
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    assetNames: "[name]-[hash]",
    jsx: "automatic",
    jsxImportSource: "preact",
    loader: { ".svg": "file", ".png": "file" },
    plugins: [workerScriptUrls],
    define: {
      __DEV_SIGN_IN__: JSON.stringify(mode === "development"),
      "process.env.NODE_ENV": JSON.stringify(mode),
    },
    metafile: true,
    logLevel: quiet ? "silent" : "warning",
  });
  const outputs = result.metafile.outputs;
  const figures = [];
  for (const [name, app] of Object.entries(APPS)) {
    const [file, meta] = /** @type {[string, esbuild.Metafile["outputs"][string]]} */ (
      Object.entries(outputs).find(([, o]) => o.entryPoint === app.entry)
    );
    const css = meta.cssBundle ? `\n    <link rel="stylesheet" href="/assets/${path.basename(meta.cssBundle)}" />` : "";
    const html = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${app.title}</title>${css}
    <script type="module" src="/assets/${path.basename(file)}"></script>
  </head>
  <body>
    <div id="app"></div>
    <noscript>请启用 JavaScript 以使用本系统。</noscript>
  </body>
</html>
`;
    const target = path.join(outdir, app.page);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, html);
    const firstLoadGzip = staticClosure(file, outputs).reduce(
      (sum, f) => sum + gzipSync(fs.readFileSync(path.join(here, f)), { level: 9 }).length,
      0,
    );
    figures.push({ app: name, firstLoadGzip, budget: BUDGETS[/** @type {keyof typeof BUDGETS} */ (name)] });
  }
  const written = new Set([
    ...Object.keys(outputs).map((f) => path.resolve(here, f)),
    ...Object.values(APPS).map((a) => path.join(outdir, a.page)),
  ]);
  for (const file of before) if (!written.has(file)) fs.rmSync(file, { force: true });
  return figures;
}

/** @param {string} dir */
function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

/**
 * The JavaScript a page loads before it can draw: its entry and every chunk reached through static imports (dynamic
 * imports, such as the map's and the charts', load later and are not counted).
 * @param {string} file
 * @param {esbuild.Metafile["outputs"]} outputs
 */
function staticClosure(file, outputs) {
  const seen = new Set([file]);
  const queue = [file];
  while (queue.length) {
    const next = /** @type {string} */ (queue.pop());
    for (const imp of outputs[next]?.imports ?? []) {
      if (imp.kind !== "import-statement" || imp.external || seen.has(imp.path)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return [...seen].filter((f) => f.endsWith(".js"));
}

/** @param {{ app: string, firstLoadGzip: number, budget: number }[]} figures */
export function printBudgets(figures) {
  for (const f of figures)
    console.log(
      `  first-load JS (gzip): ${f.app.padEnd(9)} ${(f.firstLoadGzip / KIB).toFixed(1)} KiB of ${f.budget / KIB} KiB ${f.firstLoadGzip <= f.budget ? "ok" : "OVER"}`,
    );
  return figures.every((f) => f.firstLoadGzip <= f.budget);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mode = process.argv.includes("--mode") ? process.argv[process.argv.indexOf("--mode") + 1] : "production";
  if (mode !== "development" && mode !== "production") throw new Error(`--mode development|production, not ${mode}`);
  const ok = printBudgets(await buildApps({ mode }));
  if (!ok) process.exit(1);
}
