// Applies every service's D1 migrations to every D1 database it binds in the local state (what
// `wrangler d1 migrations apply --remote` does at deploy, here against .wrangler/state): `DB` and, for the
// sharded services (issue 17), each county's database. One Miniflare (wrangler's own, so the files are the
// ones `wrangler dev` opens) holds them all, so the dev start and the e2e suite pay for one start, not one
// wrangler process per database. Applied migrations are recorded in `d1_migrations` as wrangler records them.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "smol-toml";
import { ROOT, SERVICES, STATE_DIR } from "./env.mjs";

/** @typedef {{ binding: string, database_id?: string, migrations_dir?: string, migrations_table?: string }} D1Config */
/** @typedef {{ service: string, binding: string, id: string, dir: string, table: string }} LocalD1 */
/**
 * What this file asks of a D1 binding (Miniflare's, untyped here: it is wrangler's own copy).
 * @typedef {{ bind(...values: unknown[]): Statement, run(): Promise<unknown>, all(): Promise<{ results: { name?: unknown }[] }> }} Statement
 * @typedef {{ prepare(sql: string): Statement, batch(statements: Statement[]): Promise<unknown> }} LocalDb
 */

/** Wrangler's own Miniflare (the version whose storage layout `wrangler dev` reads). */
const { Miniflare, convertV4MiniflareOptions } = createRequire(
  createRequire(import.meta.url).resolve("wrangler/package.json"),
)("miniflare");

/**
 * Every D1 database of every service, as wrangler resolves it locally (id, migrations directory and table).
 * @returns {LocalD1[]}
 */
export function localDatabases() {
  return SERVICES.flatMap((service) => {
    const file = path.join(ROOT, "services", service, "wrangler.toml");
    const config = /** @type {{ d1_databases?: D1Config[] }} */ (parse(fs.readFileSync(file, "utf8")));
    return (config.d1_databases ?? []).map((d) => ({
      service,
      binding: d.binding,
      id: d.database_id ?? d.binding,
      dir: path.join(path.dirname(file), d.migrations_dir ?? "migrations"),
      table: d.migrations_table ?? "d1_migrations",
    }));
  });
}

/**
 * The pending migrations of one database, each applied with its record in one batch (all or nothing).
 * @param {LocalDb} db
 * @param {LocalD1} d
 */
async function migrate(db, d) {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS ${d.table} (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    )
    .run();
  const { results } = await db.prepare(`SELECT name FROM ${d.table}`).all();
  const applied = new Set(results.map((r) => r.name));
  const files = fs.existsSync(d.dir) ? fs.readdirSync(d.dir).filter((f) => f.endsWith(".sql")) : [];
  const pending = files.sort().filter((f) => !applied.has(f));
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(d.dir, name), "utf8");
    await db.batch([db.prepare(sql), db.prepare(`INSERT INTO ${d.table} (name) VALUES (?)`).bind(name)]);
  }
  return pending.length;
}

export async function migrateAll(stateDir = STATE_DIR) {
  const databases = localDatabases();
  const names = databases.map((_, i) => `D${i}`);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: "export default {}",
      resourcePersistencePath: path.join(stateDir, "v3"),
      d1Databases: Object.fromEntries(databases.map((d, i) => [names[i], d.id])),
    }),
  );
  try {
    const counts = await Promise.all(
      databases.map(async (d, i) => migrate(/** @type {LocalDb} */ (await mf.getD1Database(names[i])), d)),
    );
    for (const service of SERVICES) {
      const own = databases.map((d, i) => ({ d, n: counts[i] })).filter(({ d }) => d.service === service);
      if (own.length === 0) continue;
      const applied = own.reduce((sum, { n }) => sum + (n ?? 0), 0);
      console.log(
        `  migrations applied: ${service} (${own.length} database${own.length > 1 ? "s" : ""}, ${applied} new)`,
      );
    }
  } finally {
    await mf.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await migrateAll(process.argv[2] ?? STATE_DIR);
