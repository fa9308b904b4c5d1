import { RankingKind, type RankingRow, type ScoringRules } from "@civicgrid/contracts";
import { daysIn, periodOf, workingDays } from "./domain/periods";
import { rankSubjects } from "./domain/scoring";
import type { Env } from "./env";
import { rollupShard } from "./rollups";
import { dbOf } from "./store/db";
import { addDisputeTotals } from "./store/dispute-figures";
import { casesWithEventsIn, rebuildIndicatorFacts } from "./store/indicator-facts";
import { saveRanking } from "./store/ranking-writes";
import { activeDays } from "./store/rollup";
import { rulesForPeriod } from "./store/settings";
import { factsUnder } from "./store/shards";
import { loadTotalsOver } from "./store/totals";

export interface RecomputeOutcome {
  days: number;
  rankings: { kind: RankingKind; period: string; subjects: number }[];
}

/**
 * Computes and stores one ranking (kind and week, month or year) for the counties under `countyPrefix`,
 * replacing what was stored before in one batch: a recompute of the same facts gives the same rows. The totals
 * are summed on each county's shard under the prefix, in parallel, and folded per subject (a city department
 * works in every county); the rules and the ranking itself are city-wide, in DB.
 */
export async function computeRanking(
  env: Env,
  kind: RankingKind,
  period: string,
  countyPrefix = "",
): Promise<RankingRow[]> {
  const db = dbOf(env.DB);
  const shards = factsUnder(env, countyPrefix);
  const range = periodOf(period);
  const subjects = await loadTotalsOver(shards, kind, range, countyPrefix);
  if (kind === "grid" || kind === "township") await addDisputeTotals(shards, kind, range, subjects);
  const counties = [...new Set(subjects.map((s) => s.countyCode))];
  const rules = new Map<string, ScoringRules>();
  for (const county of counties) rules.set(county, await rulesForPeriod(db, county, range.from));
  const rows = rankSubjects(kind, period, subjects, workingDays(range), (county) => rules.get(county)!);
  await saveRanking(db, kind, period, countyPrefix, counties, rows);
  return rows;
}

/**
 * Rebuilds a period from the stored events and tracks: on each county's shard under `countyPrefix` (in parallel),
 * the daily facts of each of its days that has anything to roll up and the indicator facts of its cases, then (for a week, month or year) its
 * rankings of every kind. A year's worker ranking is the yearly evaluation.
 */
export async function recomputePeriod(
  env: Env,
  period: string,
  countyPrefix: string,
  options: { facts: boolean } = { facts: true },
): Promise<RecomputeOutcome> {
  const { kind, from, to } = periodOf(period);
  const days = options.facts ? daysIn({ from, to }) : [];
  if (options.facts) {
    await Promise.all(
      factsUnder(env, countyPrefix).map(async (shard) => {
        await rollupShard(env, shard, await activeDays(shard.db, { from, to }), countyPrefix);
        // The indicator facts of every case with an event in the period, rebuilt from the raw stored events.
        await rebuildIndicatorFacts(shard.db, await casesWithEventsIn(shard.db, { from, to }, countyPrefix));
      }),
    );
  }
  const rankings: RecomputeOutcome["rankings"] = [];
  if (kind !== "day") {
    const kinds: RankingKind[] = kind === "year" ? ["worker"] : RankingKind.options;
    for (const k of kinds) {
      rankings.push({ kind: k, period, subjects: (await computeRanking(env, k, period, countyPrefix)).length });
    }
  }
  return { days: days.length, rankings };
}
