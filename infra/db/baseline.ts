// `npm run db:baseline -- services/<name>`: once per service, when its hand-written SQL migrations get a drizzle
// schema. Writes `migrations/meta/` so that `drizzle-kit generate` continues the existing history instead of
// starting over: a journal entry per existing migration file (same numbers, same names) and, as the newest
// snapshot, the schema as it stands (which the service's schema-drift test proves equal to what the SQL builds).
// The next `npm run db:generate -w services/<name>` then writes `NNNN_<name>.sql` after the last file.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateSQLiteDrizzleJson } from "drizzle-kit/api";
import { migrationFiles } from "../../packages/testing/src/schema-drift.ts";

const dir = path.resolve(process.argv[2] ?? "");
const migrations = path.join(dir, "migrations");
const meta = path.join(migrations, "meta");
if (!fs.existsSync(path.join(dir, "src/store/schema.ts"))) throw new Error(`no src/store/schema.ts in ${dir}`);
if (fs.existsSync(meta)) throw new Error(`${meta} exists: this service already has its drizzle history`);

const schema = (await import(pathToFileURL(path.join(dir, "src/store/schema.ts")).href)) as Record<string, unknown>;
const snapshot = await generateSQLiteDrizzleJson(schema);
const files = migrationFiles(migrations).map((f) => path.basename(f, ".sql"));
const entries = files.map((tag) => ({
  idx: Number(tag.slice(0, 4)),
  version: snapshot.version,
  when: 0,
  tag,
  breakpoints: true,
}));
const last = files.at(-1)?.slice(0, 4) ?? "0000";
fs.mkdirSync(meta, { recursive: true });
fs.writeFileSync(
  path.join(meta, "_journal.json"),
  `${JSON.stringify({ version: "7", dialect: "sqlite", entries }, null, 2)}\n`,
);
const saved = { ...snapshot, _meta: { columns: {}, schemas: {}, tables: {} } };
fs.writeFileSync(path.join(meta, `${last}_snapshot.json`), `${JSON.stringify(saved, null, 2)}\n`);
console.log(`${path.relative(process.cwd(), meta)}: ${entries.length} journal entries, snapshot ${last}`);
