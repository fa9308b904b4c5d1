import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "./db";
import { cases } from "./schema";

export type PublicRow = { id: string; public: string | null };

/** A county's public rows as Open311 filters them; bounds are ISO instants, compared as the stored UTC text. */
export interface PublicFilter {
  countyCode: string;
  ids?: string[] | undefined;
  categoryCode?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  statuses?: readonly string[] | undefined;
  limit: number;
}

const columns = { id: cases.id, public: cases.public };

export async function publicRow(db: Db, caseId: string): Promise<PublicRow | undefined> {
  return db.select(columns).from(cases).where(eq(cases.id, caseId)).get();
}

/** Newest report first, over the cases_county_* indexes. */
export function publicRows(db: Db, f: PublicFilter): Promise<PublicRow[]> {
  return db
    .select(columns)
    .from(cases)
    .where(
      and(
        eq(cases.countyCode, f.countyCode),
        // One JSON parameter for the ids: D1 binds at most 100 parameters per statement.
        f.ids ? sql`${cases.id} IN (SELECT value FROM json_each(${JSON.stringify(f.ids)}))` : undefined,
        f.categoryCode ? eq(cases.categoryCode, f.categoryCode) : undefined,
        f.start ? gte(cases.createdAt, f.start) : undefined,
        f.end ? lte(cases.createdAt, f.end) : undefined,
        f.statuses ? inArray(cases.status, [...f.statuses]) : undefined,
      ),
    )
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(f.limit);
}
