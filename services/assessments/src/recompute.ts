import { RankingKind } from "@civicgrid/contracts";
import { rollupDay } from "./facts/rollup";
import { daysIn, periodKind, periodRange } from "./periods";
import { computeRanking } from "./ranking/compute";

export interface RecomputeOutcome {
  days: number;
  rankings: { kind: RankingKind; period: string; subjects: number }[];
}

/**
 * Rebuilds a period from the stored events and tracks: the daily facts of each of its days, then (for
 * a week, month or year) its rankings of every kind. A year's worker ranking is the yearly evaluation.
 */
export async function recomputePeriod(db: D1Database, period: string, countyPrefix: string, options: { facts: boolean } = { facts: true }): Promise<RecomputeOutcome> {
  const kind = periodKind(period);
  const range = periodRange(period);
  const days = options.facts ? daysIn(range) : [];
  for (const day of days) await rollupDay(db, day, countyPrefix);
  const rankings: RecomputeOutcome["rankings"] = [];
  if (kind !== "day") {
    const kinds: RankingKind[] = kind === "year" ? ["worker"] : RankingKind.options;
    for (const k of kinds) rankings.push({ kind: k, period, subjects: (await computeRanking(db, k, period, countyPrefix)).length });
  }
  return { days: days.length, rankings };
}
