import { and, asc, lte, sql } from "drizzle-orm";
import type { Db } from "./db";
import { cases } from "./schema";

export type DueCase = { id: string; nextDueAt: number };

/**
 * A page of cases whose next warning or deadline is due at `now`, after `after` in (next_due_at, id) order.
 * The row-value keyset keeps the scan on the partial index cases_next_due, bounded to due rows only.
 */
export function dueCases(db: Db, now: number, after: [number, string], limit: number): Promise<DueCase[]> {
  return db
    .select({ id: cases.id, nextDueAt: sql<number>`${cases.nextDueAt}` })
    .from(cases)
    .where(and(lte(cases.nextDueAt, now), sql`(${cases.nextDueAt}, ${cases.id}) > (${after[0]}, ${after[1]})`))
    .orderBy(asc(cases.nextDueAt), asc(cases.id))
    .limit(limit);
}
