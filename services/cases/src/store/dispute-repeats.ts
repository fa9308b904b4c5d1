import type { RiskRule } from "@civicgrid/contracts";
import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "./db";
import { disputeParties } from "./schema";

type RepeatRule = Extract<RiskRule, { when: "repeat_parties" }>;

const DAY_MS = 86_400_000;

/**
 * For each repeat rule (Gansu 二(一)1(1): the same people reported again and again), the most OTHER disputes of the
 * county that any one of `keys` appears in, recorded within the rule's window before `now`. One query over
 * dispute_parties_key (county, key, recorded_at), counting every window at once; none when nothing can repeat.
 */
export async function repeatCounts(
  db: Db,
  countyCode: string,
  caseId: string,
  keys: readonly string[],
  rules: readonly RepeatRule[],
  now: Date,
): Promise<Record<string, number>> {
  if (keys.length === 0 || rules.length === 0) return Object.fromEntries(rules.map((r) => [r.id, 0]));
  const since = rules.map((r) => new Date(now.getTime() - r.withinDays * DAY_MS).toISOString());
  const columns = Object.fromEntries(
    rules.map((r, i) => [`r${i}`, sql<number>`SUM(${disputeParties.recordedAt} >= ${since[i]})`.mapWith(Number)]),
  );
  const rows = await db
    .select(columns)
    .from(disputeParties)
    .where(
      and(
        eq(disputeParties.countyCode, countyCode),
        inArray(disputeParties.partyKey, [...keys]),
        gte(
          disputeParties.recordedAt,
          since.reduce((a, b) => (a < b ? a : b)),
        ),
        ne(disputeParties.caseId, caseId),
      ),
    )
    .groupBy(disputeParties.partyKey);
  return Object.fromEntries(rules.map((r, i) => [r.id, Math.max(0, ...rows.map((row) => Number(row[`r${i}`] ?? 0)))]));
}
