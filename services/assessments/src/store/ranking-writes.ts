import type { RankingKind, RankingRow } from "@civicgrid/contracts";
import { and, eq, like, sql } from "drizzle-orm";
import type { Db } from "./db";
import { rankingRuns, rankings } from "./schema";

/** Rows go in as JSON, 500 a statement: D1 caps statements per invocation, and a city has ~9,000 workers. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Replaces the stored ranking of a kind and period for the counties under `countyPrefix` in one batch, and
 * records each county's run. The rows are inserted by INSERT ... SELECT over json_each, in the column order of
 * schema.ts (drizzle cannot say it; binding each row's values would need 9 parameters a row, past D1's limit).
 */
export async function saveRanking(
  db: Db,
  kind: RankingKind,
  period: string,
  countyPrefix: string,
  counties: readonly string[],
  rows: readonly RankingRow[],
): Promise<void> {
  const computedAt = new Date().toISOString();
  await db.batch([
    db
      .delete(rankings)
      .where(and(eq(rankings.kind, kind), eq(rankings.period, period), like(rankings.countyCode, `${countyPrefix}%`))),
    ...chunks(rows, ROWS_PER_STATEMENT).map((chunk) =>
      db.insert(rankings).select(sql`
        SELECT ${kind}, ${period}, json_extract(j.value, '$.subjectId'), json_extract(j.value, '$.divisionCode'),
          json_extract(j.value, '$.countyCode'), json_extract(j.value, '$.score'), json_extract(j.value, '$.rank'),
          json(json_extract(j.value, '$.components')), json_extract(j.value, '$.rulesVersion')
        FROM json_each(${JSON.stringify(chunk)}) j`),
    ),
    ...counties.map((countyCode) => {
      const subjects = rows.filter((r) => r.countyCode === countyCode).length;
      return db
        .insert(rankingRuns)
        .values({ kind, period, countyCode, subjects, computedAt })
        .onConflictDoUpdate({
          target: [rankingRuns.kind, rankingRuns.period, rankingRuns.countyCode],
          set: { subjects, computedAt },
        });
    }),
  ]);
}
