import type { DeadLetter } from "@civicgrid/contracts";
import { and, desc, eq, sql } from "drizzle-orm";
import { before, inOneBatch, type After, type Db } from "./db";
import { deadLetters, queueFailures } from "./schema";

export type DeadLetterRow = typeof deadLetters.$inferSelect;
type FailureRow = typeof queueFailures.$inferSelect;
export type FailureRecord = Pick<FailureRow, "failures" | "firstFailedAt" | "lastFailedAt" | "error">;

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Records one failed attempt of a message, by its content key (see queue/failures.ts). */
export async function recordFailure(db: Db, key: string, queue: string, error: string, at: string): Promise<void> {
  await db
    .insert(queueFailures)
    .values({ key, queue, failures: 1, firstFailedAt: at, lastFailedAt: at, error })
    .onConflictDoUpdate({
      target: queueFailures.key,
      set: {
        failures: sql`${queueFailures.failures} + 1`,
        lastFailedAt: excluded("last_failed_at"),
        error: excluded("error"),
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(queueFailures).where(eq(queueFailures.key, key));
}

export function failuresOf(db: Db, key: string): Promise<FailureRecord | undefined> {
  return db
    .select({
      failures: queueFailures.failures,
      firstFailedAt: queueFailures.firstFailedAt,
      lastFailedAt: queueFailures.lastFailedAt,
      error: queueFailures.error,
    })
    .from(queueFailures)
    .where(eq(queueFailures.key, key))
    .get();
}

export type NewDeadLetter = Omit<typeof deadLetters.$inferInsert, "status" | "deadLetterings" | "redrives">;

/**
 * Keeps a dead message and moves the failures recorded so far into it, together, so a later death after a
 * redrive adds only its own. A redelivery of the same queue message changes nothing; the same content dead again
 * under a new message is the same row, back to `dead` and counted.
 */
export function keepDeadLetter(db: Db, letter: NewDeadLetter): Promise<void> {
  return inOneBatch(db, [
    db
      .insert(deadLetters)
      .values({ ...letter, status: "dead" })
      .onConflictDoUpdate({
        target: deadLetters.id,
        set: {
          messageId: excluded("message_id"),
          status: "dead",
          attempts: sql`${deadLetters.attempts} + excluded.attempts`,
          deadLetterings: sql`${deadLetters.deadLetterings} + 1`,
          lastFailedAt: excluded("last_failed_at"),
          error: sql`COALESCE(excluded.error, ${deadLetters.error})`,
        },
        setWhere: sql`${deadLetters.messageId} <> excluded.message_id`,
      }),
    db.delete(queueFailures).where(eq(queueFailures.key, letter.id)),
  ]);
}

export function deadLetterOf(db: Db, id: string): Promise<DeadLetterRow | undefined> {
  return db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
}

/** Dead letters, newest failure first, of one status or all. */
export function listDeadLetters(db: Db, status: DeadLetter["status"] | undefined, after: After, limit: number) {
  return db
    .select()
    .from(deadLetters)
    .where(
      and(status ? eq(deadLetters.status, status) : undefined, before(deadLetters.lastFailedAt, deadLetters.id, after)),
    )
    .orderBy(desc(deadLetters.lastFailedAt), desc(deadLetters.id))
    .limit(limit);
}

/** Marks a dead letter redriven; undefined when it was not dead (already redriven meanwhile). */
export function markRedriven(db: Db, id: string, by: string, at: string): Promise<DeadLetterRow | undefined> {
  return db
    .update(deadLetters)
    .set({ status: "redriven", redrives: sql`${deadLetters.redrives} + 1`, redrivenAt: at, redrivenBy: by })
    .where(and(eq(deadLetters.id, id), eq(deadLetters.status, "dead")))
    .returning()
    .get();
}
