import { RankingKind, type RankingRow, type ScoringRules } from "@civicgrid/contracts";
import { daysIn, periodOf, workingDays } from "./domain/periods";
import { rankSubjects } from "./domain/scoring";
import type { Db } from "./store/db";
import { addDisputeTotals } from "./store/dispute-figures";
import { casesWithEventsIn, rebuildIndicatorFacts } from "./store/indicator-facts";
import { saveRanking } from "./store/ranking-writes";
import { rollupDay } from "./store/rollup";
import { rulesForPeriod } from "./store/settings";
import { loadTotals } from "./store/totals";

export interface RecomputeOutcome {
  days: number;
  rankings: { kind: RankingKind; period: string; subjects: number }[];
}

/**
 * Computes and stores one ranking (kind and week, month or year) for the counties under `countyPrefix`,
 * replacing what was stored before in one batch: a recompute of the same facts gives the same rows.
 */
export async function computeRanking(
  db: Db,
  kind: RankingKind,
  period: string,
  countyPrefix = "",
): Promise<RankingRow[]> {
  const range = periodOf(period);
  const subjects = await loadTotals(db, kind, range, countyPrefix);
  if (kind === "grid" || kind === "township") await addDisputeTotals(db, kind, range, subjects);
  const counties = [...new Set(subjects.map((s) => s.countyCode))];
  const rules = new Map<string, ScoringRules>();
  for (const county of counties) rules.set(county, await rulesForPeriod(db, county, range.from));
  const rows = rankSubjects(kind, period, subjects, workingDays(range), (county) => rules.get(county)!);
  await saveRanking(db, kind, period, countyPrefix, counties, rows);
  return rows;
}

/**
 * Rebuilds a period from the stored events and tracks: the daily facts of each of its days and the indicator facts
 * of its cases, then (for a week, month or year) its rankings of every kind. A year's worker
 * ranking is the yearly evaluation.
 */
export async function recomputePeriod(
  db: Db,
  period: string,
  countyPrefix: string,
  options: { facts: boolean } = { facts: true },
): Promise<RecomputeOutcome> {
  const { kind, from, to } = periodOf(period);
  const days = options.facts ? daysIn({ from, to }) : [];
  for (const day of days) await rollupDay(db, day, countyPrefix);
  // The indicator facts of every case with an event in the period, rebuilt from the raw stored events.
  if (options.facts) await rebuildIndicatorFacts(db, await casesWithEventsIn(db, { from, to }, countyPrefix));
  const rankings: RecomputeOutcome["rankings"] = [];
  if (kind !== "day") {
    const kinds: RankingKind[] = kind === "year" ? ["worker"] : RankingKind.options;
    for (const k of kinds) {
      rankings.push({ kind: k, period, subjects: (await computeRanking(db, k, period, countyPrefix)).length });
    }
  }
  return { days: days.length, rankings };
}
