import type { EventEnvelope } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { Env } from "../env";
import { OUTBOX_QUEUES, type CaseStore, type OutboxRow } from "./storage";

/**
 * Cloudflare Queues take at most 100 messages and 256 KB in one sendBatch. An envelope's stored text counts at most
 * three bytes a character in UTF-8, so a batch is cut before either limit (with room for the messages' framing).
 */
const MAX_MESSAGES = 100;
const MAX_BYTES = 192 * 1024;

function batchesOf(rows: OutboxRow[]): OutboxRow[][] {
  const out: OutboxRow[][] = [];
  let current: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.envelope.length * 3;
    if (current.length > 0 && (current.length === MAX_MESSAGES || bytes + size > MAX_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Sends every unsent outbox row to each consumer's queue: the three queues in parallel, each with `sendBatch` of
 * all the rows it has not taken, each marked on its own after its batch, so a retry resends only to the queues that
 * did not take them. `committed` holds the envelopes of this object's recent commits as objects, so they are not
 * parsed back from their stored text; rows from before (a retry after a restart) are. Returns whether every queue
 * took everything; what a queue did not take stays unsent for the alarm's retry.
 */
export async function sendOutbox(
  env: Env,
  store: CaseStore,
  committed: Map<number, EventEnvelope>,
  caseId: string | undefined,
): Promise<boolean> {
  const rows = store.unsent();
  if (rows.length === 0) return true;
  const bodyOf = (row: OutboxRow): unknown => committed.get(row.version) ?? JSON.parse(row.envelope);
  const outcomes = await Promise.allSettled(
    OUTBOX_QUEUES.map(async ({ binding, flag }) => {
      for (const batch of batchesOf(rows.filter((row) => !row[flag]))) {
        await env[binding].sendBatch(batch.map((row) => ({ body: bodyOf(row) })));
        store.markSent(
          batch.map((row) => row.version),
          flag,
        );
      }
    }),
  );
  const failures = outcomes.flatMap((o, i) =>
    o.status === "rejected" ? [{ queue: OUTBOX_QUEUES[i]!.binding, reason: o.reason as unknown }] : [],
  );
  for (const { queue, reason } of failures)
    log("warn", "a case queue did not take its events; the alarm retries it", {
      caseId,
      queue,
      error: reason instanceof Error ? reason.message : String(reason),
    });
  // Envelopes every queue took are no longer needed in memory.
  const pending = new Set(store.unsent().map((row) => row.version));
  for (const version of committed.keys()) if (!pending.has(version)) committed.delete(version);
  return failures.length === 0;
}
