import type { BasedataFact } from "../domain/basedata-events";
import type { Db } from "./db";
import { basedataEvents } from "./schema";

/** Stores each event once, in one batch; answers the days whose facts the new ones change. */
export async function storeBasedataEvents(db: Db, events: readonly BasedataFact[]): Promise<string[]> {
  const [first, ...rest] = events.map((e) => db.insert(basedataEvents).values(e).onConflictDoNothing());
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  return [...new Set(events.filter((_, i) => results[i]!.meta.changes > 0).map((e) => e.day))].sort();
}
