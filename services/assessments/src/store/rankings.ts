import { divisionPrefix, type RankingKind, type RankingRow } from "@civicgrid/contracts";
import type { ListScope } from "@civicgrid/auth";
import { decodeCursor, scopeWhere, toPage } from "@civicgrid/http";
import { and, asc, eq, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./db";
import { rankings } from "./schema";

/** A ranking row lies in its division; its subject is its grid (grid rows) or its owner (a worker, a department). */
const COLUMNS = { division: rankings.divisionCode, grid: rankings.subjectId, owner: rankings.subjectId };

/**
 * The rows some scopes cover, as a condition over `rankings`, narrowed to `requested` (a division the route has
 * checked is in the caller's jurisdiction). Undefined: every row; null: nothing readable.
 */
function scopesWhere(scopes: readonly ListScope[], requested?: string): SQL | undefined | null {
  if (scopes.length === 0) return null;
  const wide = scopes.some((s) => "all" in s) ? undefined : or(...scopes.map((s) => scopeWhere(s, COLUMNS)));
  const narrow = requested === undefined ? undefined : like(rankings.divisionCode, `${divisionPrefix(requested)}%`);
  return and(wide, narrow);
}

/** A page of stored ranking rows the caller may read, by county then rank. */
export async function rankingPage(
  db: Db,
  scopes: readonly ListScope[],
  q: { kind: RankingKind; period: string; divisionCode?: string; limit: number; cursor?: string },
): Promise<{ items: RankingRow[]; nextCursor: string | null }> {
  const scope = scopesWhere(scopes, q.divisionCode);
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

/** One subject's row of a kind and period, if the caller's scopes cover it (a miss and no scope look alike). */
export async function rankingOf(
  db: Db,
  scopes: readonly ListScope[],
  kind: RankingKind,
  period: string,
  subjectId: string,
) {
  const scope = scopesWhere(scopes);
  if (scope === null) return undefined;
  return db
    .select()
    .from(rankings)
    .where(and(eq(rankings.kind, kind), eq(rankings.period, period), eq(rankings.subjectId, subjectId), scope))
    .get();
}
