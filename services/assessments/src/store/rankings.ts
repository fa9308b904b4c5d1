import { divisionPrefix, type RankingKind, type RankingRow } from "@civicgrid/contracts";
import { decodeCursor, toPage } from "@civicgrid/http";
import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { RankingReach } from "../access";
import type { Db } from "./db";
import { rankings } from "./schema";

/**
 * The rows a reach covers, as a condition over `rankings`, narrowed to `requested` (a division the route has
 * checked is in the caller's jurisdiction). Undefined: every row; null: nothing readable.
 */
function reachCondition(reach: RankingReach, requested?: string): SQL | undefined | null {
  const within = (division: string) => like(rankings.divisionCode, `${divisionPrefix(division)}%`);
  const ors = [
    ...reach.divisionPrefixes.map((prefix) => like(rankings.divisionCode, `${prefix}%`)),
    ...(reach.subjectIds.length > 0 ? [inArray(rankings.subjectId, reach.subjectIds)] : []),
  ];
  if (!reach.all && ors.length === 0) return null;
  return and(reach.all ? undefined : or(...ors), requested === undefined ? undefined : within(requested));
}

/** A page of stored ranking rows the caller may read, by county then rank. */
export async function rankingPage(
  db: Db,
  reach: RankingReach,
  q: { kind: RankingKind; period: string; divisionCode?: string; limit: number; cursor?: string },
): Promise<{ items: RankingRow[]; nextCursor: string | null }> {
  const scope = reachCondition(reach, q.divisionCode);
  if (scope === null) return { items: [], nextCursor: null };
  const [county, rank, subject] = decodeCursor(q.cursor, 3) ?? ["", 0, ""];
  const rows = await db
    .select()
    .from(rankings)
    .where(
      and(
        eq(rankings.kind, q.kind),
        eq(rankings.period, q.period),
        scope,
        // Keyset pagination on the rankings_list order: a row-value comparison drizzle has no operator for.
        sql`(${rankings.countyCode}, ${rankings.rank}, ${rankings.subjectId}) > (${county}, ${rank}, ${subject})`,
      ),
    )
    .orderBy(asc(rankings.countyCode), asc(rankings.rank), asc(rankings.subjectId))
    .limit(q.limit + 1)
    .all();
  return toPage(rows, q.limit, (r) => [r.countyCode, r.rank, r.subjectId]);
}

/** One subject's row of a kind and period, if the caller's reach covers it (a miss and no reach look alike). */
export async function rankingOf(db: Db, reach: RankingReach, kind: RankingKind, period: string, subjectId: string) {
  const scope = reachCondition(reach);
  if (scope === null) return undefined;
  return db
    .select()
    .from(rankings)
    .where(and(eq(rankings.kind, kind), eq(rankings.period, period), eq(rankings.subjectId, subjectId), scope))
    .get();
}
