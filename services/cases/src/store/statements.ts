import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./db";

/** A statement for a D1 batch (a drizzle query builder), not yet run. */
export type Statement = BatchItem<"sqlite">;

/** Runs statements as one D1 batch (one round trip, one transaction); nothing to run, no round trip. */
export async function runStatements(db: Db, statements: readonly Statement[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [Statement, ...Statement[]]);
}
