import type { CaseEventRecord, Supervision } from "@civicgrid/contracts";
import type { CaseState } from "../domain";

/** The DO's own SQLite tables: current state, the hash-chained event log, command results, the outbox, supervisions. */
export const SCHEMA = [
  "CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
  `CREATE TABLE IF NOT EXISTS events (version INTEGER PRIMARY KEY, type TEXT NOT NULL, actor_sub TEXT NOT NULL, actor_role TEXT NOT NULL,
     actor_unit TEXT NOT NULL, at TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, payload TEXT NOT NULL, idem_key TEXT,
     prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
  "CREATE TABLE IF NOT EXISTS commands (idem_key TEXT PRIMARY KEY, command_hash TEXT NOT NULL, result TEXT NOT NULL)",
  `CREATE TABLE IF NOT EXISTS outbox (version INTEGER PRIMARY KEY, envelope TEXT NOT NULL, notify_sent INTEGER NOT NULL DEFAULT 0,
     assess_sent INTEGER NOT NULL DEFAULT 0, integ_sent INTEGER NOT NULL DEFAULT 0)`,
  "CREATE TABLE IF NOT EXISTS supervisions (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
];

/** Each queue an event goes to, with the outbox column that records it was sent there. */
export const OUTBOX_QUEUES = [
  { binding: "NOTIFY_QUEUE", column: "notify_sent" },
  { binding: "ASSESS_QUEUE", column: "assess_sent" },
  { binding: "INTEG_QUEUE", column: "integ_sent" },
] as const;
export type SentColumn = (typeof OUTBOX_QUEUES)[number]["column"];
export type OutboxRow = { version: number; envelope: string } & Record<SentColumn, number>;

/**
 * Cases opened before the integrations queue existed have an outbox without its column. Their events that
 * both other queues already took are marked sent to integrations too: replaying a case's old history would
 * send stale progress callbacks to the platforms; what is still pending goes to all three.
 */
function addIntegrationsColumn(sql: SqlStorage): void {
  const columns = sql.exec<{ name: string }>("PRAGMA table_info(outbox)").toArray().map((c) => c.name);
  if (columns.includes("integ_sent")) return;
  sql.exec("ALTER TABLE outbox ADD COLUMN integ_sent INTEGER NOT NULL DEFAULT 0");
  sql.exec("UPDATE outbox SET integ_sent = 1 WHERE notify_sent = 1 AND assess_sent = 1");
}

type EventRow = {
  version: number; type: string; actor_sub: string; actor_role: string; actor_unit: string; at: string;
  from_status: string | null; to_status: string; payload: string; idem_key: string | null; prev_hash: string; hash: string;
};

/** Typed reads and writes over `ctx.storage.sql` (synchronous: SQLite runs in the DO's own thread). */
export class CaseStore {
  constructor(private readonly sql: SqlStorage) {
    for (const ddl of SCHEMA) sql.exec(ddl);
    addIntegrationsColumn(sql);
  }

  /** The state; fields added since a case was stored read as their empty value (no approval recorded). */
  state(): CaseState | null {
    const row = this.sql.exec<{ json: string }>("SELECT json FROM state WHERE id = 1").toArray()[0];
    if (!row) return null;
    const stored = JSON.parse(row.json) as Omit<CaseState, "matterApproval"> & Partial<Pick<CaseState, "matterApproval">>;
    return { ...stored, matterApproval: stored.matterApproval ?? null };
  }

  saveState(state: CaseState): void {
    this.sql.exec("INSERT INTO state (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json", JSON.stringify(state));
  }

  lastHash(): string | null {
    return this.sql.exec<{ hash: string }>("SELECT hash FROM events ORDER BY version DESC LIMIT 1").toArray()[0]?.hash ?? null;
  }

  appendEvent(e: CaseEventRecord): void {
    this.sql.exec(
      "INSERT INTO events (version, type, actor_sub, actor_role, actor_unit, at, from_status, to_status, payload, idem_key, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      e.version, e.type, e.actor.sub, e.actor.role, e.actor.unit, e.at, e.from, e.to, JSON.stringify(e.payload), e.idempotencyKey, e.prevHash, e.hash,
    );
  }

  events(): CaseEventRecord[] {
    return this.sql.exec<EventRow>("SELECT * FROM events ORDER BY version").toArray().map((r) => ({
      version: r.version, type: r.type, actor: { sub: r.actor_sub, role: r.actor_role, unit: r.actor_unit }, at: r.at,
      from: r.from_status as CaseEventRecord["from"], to: r.to_status as CaseEventRecord["to"], payload: JSON.parse(r.payload) as Record<string, unknown>,
      idempotencyKey: r.idem_key, prevHash: r.prev_hash, hash: r.hash,
    }));
  }

  command(key: string): { hash: string; result: string } | null {
    const row = this.sql.exec<{ command_hash: string; result: string }>("SELECT command_hash, result FROM commands WHERE idem_key = ?", key).toArray()[0];
    return row ? { hash: row.command_hash, result: row.result } : null;
  }

  saveCommand(key: string, hash: string, result: string): void {
    this.sql.exec("INSERT INTO commands (idem_key, command_hash, result) VALUES (?, ?, ?)", key, hash, result);
  }

  enqueue(version: number, envelope: string): void {
    this.sql.exec("INSERT INTO outbox (version, envelope) VALUES (?, ?)", version, envelope);
  }

  unsent(): OutboxRow[] {
    return this.sql.exec<OutboxRow>(
      "SELECT version, envelope, notify_sent, assess_sent, integ_sent FROM outbox WHERE notify_sent = 0 OR assess_sent = 0 OR integ_sent = 0 ORDER BY version",
    ).toArray();
  }

  markSent(version: number, queue: SentColumn): void {
    this.sql.exec(`UPDATE outbox SET ${queue} = 1 WHERE version = ?`, version);
  }

  addSupervision(s: Supervision): void {
    this.sql.exec("INSERT OR IGNORE INTO supervisions (id, json) VALUES (?, ?)", s.id, JSON.stringify(s));
  }

  supervisions(): Supervision[] {
    return this.sql.exec<{ json: string }>("SELECT json FROM supervisions ORDER BY id").toArray().map((r) => JSON.parse(r.json) as Supervision);
  }

  meta(key: "projected_version" | "alarm_at"): number | null {
    return this.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  setMeta(key: "projected_version" | "alarm_at", value: number): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
  }
}
