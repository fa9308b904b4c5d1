import { sha256Hex } from "@civicgrid/http";

/**
 * Failed attempts of queue messages, kept by content (the queue and the body), not by message id: Queues
 * gives a dead-lettered message to the dead-letter consumer without saying where it came from or why it
 * failed, and a redriven message comes back under a new id. The same content names the same row on every
 * queue it passes through, so the dead-letter consumer finds what the original consumer recorded.
 */
export async function contentKey(queue: string, body: unknown): Promise<string> {
  return `dl_${(await sha256Hex(`${queue}\n${JSON.stringify(body)}`)).slice(0, 32)}`;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** Records one failed attempt (the consumer retries the message, or Queues dead-letters it). */
export async function recordFailure(db: D1Database, queue: string, body: unknown, error: unknown): Promise<void> {
  const at = new Date().toISOString();
  await db
    .prepare(
      `INSERT INTO queue_failures (key, queue, failures, first_failed_at, last_failed_at, error)
       VALUES (?1, ?2, 1, ?3, ?3, ?4)
       ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_failed_at = excluded.last_failed_at,
         error = excluded.error`,
    )
    .bind(await contentKey(queue, body), queue, at, messageOf(error))
    .run();
}

/** A message that failed before and has now gone through leaves no failure behind. */
export async function clearFailures(db: D1Database, queue: string, message: Message): Promise<void> {
  if (message.attempts <= 1) return;
  await db.prepare("DELETE FROM queue_failures WHERE key = ?1").bind(await contentKey(queue, message.body)).run();
}

export interface FailureRecord {
  failures: number;
  first_failed_at: string;
  last_failed_at: string;
  error: string | null;
}

export async function failuresOf(db: D1Database, key: string): Promise<FailureRecord | null> {
  return db
    .prepare("SELECT failures, first_failed_at, last_failed_at, error FROM queue_failures WHERE key = ?1")
    .bind(key)
    .first<FailureRecord>();
}
