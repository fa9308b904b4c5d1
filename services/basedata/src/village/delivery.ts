import { log } from "@civicgrid/http";
import { asc, and, eq, inArray } from "drizzle-orm";
import type { Env } from "../env";
import { putIdentities } from "../identity/client";
import { writeScreenings, type ScreeningMessage } from "../store/campaign-screenings";
import type { IdentityUpdate } from "../identity/identity-shard-do";
import { sendCounts } from "./counts";
import type { VillageDb } from "./db";
import type { Destination } from "./outbox";
import { outbox } from "./schema";
import { openVisitCases } from "./visits/case-links";

type Row = typeof outbox.$inferSelect;

/**
 * How each destination takes a batch of rows (bodies are JSON); throwing leaves the rows for the next alarm. A sender
 * may read the object's own tables (`db`): the counts are computed when sent, not when asked for.
 */
const SENDERS: Record<Destination, (env: Env, rows: Row[], villageCode: string, db: VillageDb) => Promise<void>> = {
  assessments: (env, rows) =>
    env.ASSESS_QUEUE.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) }))).then(() => {}),
  notifications: (env, rows) =>
    env.NOTIFY_QUEUE.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) }))).then(() => {}),
  // Bodies are IdentityUpdate rows (a keyed hash and the record holding it, active or not).
  identity: (env, rows) =>
    putIdentities(
      env,
      rows.map((r) => JSON.parse(r.body) as IdentityUpdate),
    ),
  // One row ("counts") however many changes asked: the village's counts per grid, to D1 and the registry.
  counts: (env, _rows, villageCode, db) => sendCounts(env, db, villageCode),
  // Needs found on visits, opened as cases (the answers are written back to the visits: visits/case-links.ts).
  cases: (env, rows, _village, db) =>
    openVisitCases(
      env,
      rows.map((r) => r.body),
      db,
    ),
  // Screening visits of 排查 campaigns and the cases their disputes opened, to D1 (store/campaign-screenings.ts).
  campaigns: (env, rows) =>
    writeScreenings(
      env.DB,
      rows.map((r) => JSON.parse(r.body) as ScreeningMessage),
    ),
};

/** Rows per delivery: their ids and the destination are bound in one statement, under SQLite's 100 values here. */
const BATCH = 90;

/**
 * Delivers what the outbox holds, oldest first, up to a batch per destination: a destination that fails keeps its
 * rows (with one more attempt counted) and never holds back the others. Answers whether one failed (the object
 * retries later) and whether rows are left (it goes on at once).
 */
export async function deliverOutbox(
  db: VillageDb,
  env: Env,
  villageCode: string,
): Promise<{ failed: boolean; more: boolean }> {
  const destinations = db.selectDistinct({ destination: outbox.destination }).from(outbox).all();
  let failed = false;
  let more = false;
  for (const { destination } of destinations) {
    const batch = db
      .select()
      .from(outbox)
      .where(eq(outbox.destination, destination))
      .orderBy(asc(outbox.createdAt))
      .limit(BATCH)
      .all();
    more ||= batch.length === BATCH;
    const ids = batch.map((r) => r.id);
    try {
      const send = SENDERS[destination as Destination];
      if (!send) throw new Error(`no sender for outbox destination ${destination}`);
      await send(env, batch, villageCode, db);
      db.delete(outbox)
        .where(and(eq(outbox.destination, destination), inArray(outbox.id, ids)))
        .run();
    } catch (error) {
      failed = true;
      log("warn", "village outbox delivery failed", {
        villageCode,
        destination,
        rows: batch.length,
        error: String(error),
      });
      for (const row of batch)
        db.update(outbox)
          .set({ attempts: row.attempts + 1 })
          .where(and(eq(outbox.destination, destination), eq(outbox.id, row.id)))
          .run();
    }
  }
  // A sender may enqueue more (a case answered on a screening visit is told to its campaign): go on at once.
  if (!failed) more ||= db.select({ id: outbox.id }).from(outbox).limit(1).get() !== undefined;
  return { failed, more };
}
