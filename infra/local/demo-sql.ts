// Writes the demo data as SQL, one file per service, from the deterministic generator.
// Each service owns the shape of its tables, so each service's seed module turns the city into
// statements: services/<name>/seed/demo.ts exports `demoStatements(city): string[]`.
// Also writes users.json, the demo login subjects that `npm run token` signs tokens for.
import { generateCity, type City } from "@civicgrid/demo-data";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SERVICES } from "./env.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = process.argv[2] ?? path.join(root, ".dev", "demo");
const services: string[] = SERVICES;

const started = Date.now();
const city: City = generateCity({});
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "users.json"), JSON.stringify(city.users, null, 2));

for (const service of services) {
  const module = path.join(root, "services", service, "seed", "demo.ts");
  if (!fs.existsSync(module)) continue;
  const { demoStatements } = (await import(pathToFileURL(module).href)) as {
    demoStatements: (c: City) => string[] | Promise<string[]>;
  };
  const statements = mergeInserts(await demoStatements(city));
  fs.writeFileSync(path.join(outDir, `${service}.sql`), `${statements.join(";\n")};\n`);
}
console.log(
  `  demo data generated: ${city.grids.length} grids, ${city.workers.length} workers, ${city.users.length} users (${Date.now() - started} ms)`,
);

/**
 * Folds runs of single-row `INSERT ... VALUES (...)` into multi-row statements (under D1's 100 KB
 * statement limit): loading tens of thousands of rows one statement at a time is minutes, folded
 * it is seconds. Statements of any other shape pass through unchanged, in order.
 */
function mergeInserts(statements: string[], maxBytes = 90_000): string[] {
  const out: string[] = [];
  let head = "";
  let rows: string[] = [];
  let size = 0;
  const flush = () => {
    if (rows.length) out.push(`${head}${rows.join(",\n")}`);
    rows = [];
    size = 0;
  };
  for (const statement of statements) {
    const match = /^(INSERT(?: OR IGNORE)? INTO \w+ \([^)]*\) VALUES )(\(.*\))\s*;?\s*$/s.exec(statement);
    if (!match) {
      flush();
      out.push(statement.replace(/;\s*$/, ""));
      continue;
    }
    const [, prefix, values] = match as unknown as [string, string, string];
    // Bytes, not characters: a row of Chinese names is three times longer in UTF-8 than in `length`.
    const bytes = Buffer.byteLength(values) + 2;
    if (prefix !== head || size + bytes > maxBytes - Buffer.byteLength(prefix)) flush();
    head = prefix;
    rows.push(values);
    size += bytes;
  }
  flush();
  return out;
}
