import type { CaseEventRecord, Supervision } from "@civicgrid/contracts";
import { asc, desc, eq, inArray, or } from "drizzle-orm";
import { drizzle } from "drizzle-orm/durable-sqlite";
import type { CaseState } from "../domain";
import { ADD_INTEGRATIONS_COLUMN, SCHEMA } from "./ddl";
import { commands, events, meta, outbox, state, supervisions } from "./schema";

/** Each queue an event goes to, with the outbox flag that records it was sent there. */
export const OUTBOX_QUEUES = [
  { binding: "NOTIFY_QUEUE", flag: "notifySent" },
  { binding: "ASSESS_QUEUE", flag: "assessSent" },
  { binding: "INTEG_QUEUE", flag: "integSent" },
] as const;
export type SentFlag = (typeof OUTBOX_QUEUES)[number]["flag"];
export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Cases opened before the integrations queue existed have an outbox without its column. Their events that
 * both other queues already took are marked sent to integrations too: replaying a case's old history would
 * send stale progress callbacks to the platforms; what is still pending goes to all three.
 */
export function addIntegrationsColumn(sql: SqlStorage): void {
  const columns = sql
    .exec<{ name: string }>("PRAGMA table_info(outbox)")
    .toArray()
    .map((c) => c.name);
  if (columns.includes("integ_sent")) return;
  for (const statement of ADD_INTEGRATIONS_COLUMN) sql.exec(statement);
}

type Meta = "projected_version" | "alarm_at" | "reporters_carried" | "matter_change_filed";

/** Typed reads and writes over the DO's SQLite through drizzle (synchronous: SQLite runs in the DO's own thread). */
export class CaseStore {
  private readonly db;

  constructor(storage: DurableObjectStorage) {
    for (const ddl of SCHEMA) storage.sql.exec(ddl);
    addIntegrationsColumn(storage.sql);
    this.db = drizzle(storage); // no relational queries: no schema to extract per object (see store/db.ts)
  }

  /** The state; fields added since a case was stored read as their empty value (no approval recorded). */
  state(): CaseState | null {
    const row = this.db.select({ json: state.json }).from(state).where(eq(state.id, 1)).get();
    if (!row) return null;
    const stored = JSON.parse(row.json) as Omit<CaseState, "matterApproval"> &
      Partial<Pick<CaseState, "matterApproval">>;
    return { ...stored, matterApproval: stored.matterApproval ?? null };
  }

  saveState(s: CaseState): void {
    const json = JSON.stringify(s);
    this.db.insert(state).values({ id: 1, json }).onConflictDoUpdate({ target: state.id, set: { json } }).run();
  }

  lastHash(): string | null {
    return (
      this.db.select({ hash: events.hash }).from(events).orderBy(desc(events.version)).limit(1).get()?.hash ?? null
    );
  }

  appendEvent(e: CaseEventRecord): void {
    this.db
      .insert(events)
      .values({
        version: e.version,
        type: e.type,
        actorSub: e.actor.sub,
        actorRole: e.actor.role,
        actorUnit: e.actor.unit,
        at: e.at,
        fromStatus: e.from,
        toStatus: e.to,
        payload: JSON.stringify(e.payload),
        idemKey: e.idempotencyKey,
        prevHash: e.prevHash,
        hash: e.hash,
      })
      .run();
  }

  events(): CaseEventRecord[] {
    return this.db
      .select()
      .from(events)
      .orderBy(asc(events.version))
      .all()
      .map((r) => ({
        version: r.version,
        type: r.type,
        actor: { sub: r.actorSub, role: r.actorRole, unit: r.actorUnit },
        at: r.at,
        from: r.fromStatus as CaseEventRecord["from"],
        to: r.toStatus as CaseEventRecord["to"],
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        idempotencyKey: r.idemKey,
        prevHash: r.prevHash,
        hash: r.hash,
      }));
  }

  command(key: string): { hash: string; result: string } | null {
    const row = this.db
      .select({ hash: commands.commandHash, result: commands.result })
      .from(commands)
      .where(eq(commands.idemKey, key))
      .get();
    return row ?? null;
  }

  saveCommand(idemKey: string, commandHash: string, result: string): void {
    this.db.insert(commands).values({ idemKey, commandHash, result }).run();
  }

  enqueue(version: number, envelope: string): void {
    this.db.insert(outbox).values({ version, envelope }).run();
  }

  unsent(): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(or(eq(outbox.notifySent, 0), eq(outbox.assessSent, 0), eq(outbox.integSent, 0)))
      .orderBy(asc(outbox.version))
      .all();
  }

  /** Whether any outbox row still waits for a queue (the alarm then retries it). */
  hasUnsent(): boolean {
    return (
      this.db
        .select({ version: outbox.version })
        .from(outbox)
        .where(or(eq(outbox.notifySent, 0), eq(outbox.assessSent, 0), eq(outbox.integSent, 0)))
        .limit(1)
        .get() !== undefined
    );
  }

  markSent(versions: number[], flag: SentFlag): void {
    this.db
      .update(outbox)
      .set({ [flag]: 1 })
      .where(inArray(outbox.version, versions))
      .run();
  }

  addSupervision(s: Supervision): void {
    this.db
      .insert(supervisions)
      .values({ id: s.id, json: JSON.stringify(s) })
      .onConflictDoNothing()
      .run();
  }

  supervisions(): Supervision[] {
    return this.db
      .select({ json: supervisions.json })
      .from(supervisions)
      .orderBy(asc(supervisions.id))
      .all()
      .map((r) => JSON.parse(r.json) as Supervision);
  }

  meta(key: Meta): number | null {
    return this.db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value ?? null;
  }

  setMeta(key: Meta, value: number): void {
    this.db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
  }
}
