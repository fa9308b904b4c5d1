import { sha256Hex } from "@civicgrid/http";
import type { Db } from "../store/db";
import * as store from "../store/dead-letters";

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
export async function recordFailure(db: Db, queue: string, body: unknown, error: unknown): Promise<void> {
  await store.recordFailure(db, await contentKey(queue, body), queue, messageOf(error), new Date().toISOString());
}

/** A message that failed before and has now gone through leaves no failure behind. */
export async function clearFailures(db: Db, queue: string, message: Message): Promise<void> {
  if (message.attempts <= 1) return;
  await store.clearFailures(db, await contentKey(queue, message.body));
}
