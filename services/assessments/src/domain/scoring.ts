import {
  DISPUTE_INDICATORS,
  INDICATORS,
  type RankingKind,
  type RankingRow,
  type ScoreComponent,
  type ScoringWeights,
} from "@civicgrid/contracts";

/**
 * Scoring, as pure functions over summed facts, so the cron, a recompute and the benchmark in Node run
 * the same code. Rates are 0–100; a rate with nothing to measure (no work orders, no dispatches) is 100
 * (nothing failed). Counts are scored against the best subject of the same county: best = 100.
 */
export interface SubjectTotals {
  subjectId: string;
  divisionCode: string;
  countyCode: string;
  totals: Record<string, number>;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.min(100, (part / whole) * 100) : 100);
const freeRate = (bad: number, whole: number) =>
  whole > 0 ? Math.max(0, 100 - (bad / whole) * 100) : bad > 0 ? 0 : 100;
/**
 * Figures shown beside the indicators: base data's visits (走访) and verified collection (采集上报), in the Gansu 四
 * list but not in the weights a county sets (contracts INDICATORS), so weight 0; and the dispute work of grids and
 * townships (DISPUTE_INDICATORS), weight 0 unless the county's 考核细则 weighs it. No existing score moves.
 */
const FIGURES: Record<RankingKind, readonly string[]> = {
  worker: ["visits", "collection_approved"],
  grid: DISPUTE_INDICATORS,
  township: DISPUTE_INDICATORS,
  department: [],
};
const COUNT_INDICATORS = new Set([
  "cases_reported",
  "verify_count",
  "resolved_on_site",
  ...FIGURES.worker,
  ...DISPUTE_INDICATORS,
]);

/** Raw indicator values of one subject: rates as percentages, counts as counts. */
export function indicatorValues(
  kind: RankingKind,
  t: Record<string, number>,
  workingDays: number,
): Record<string, number> {
  const v = (k: string) => t[k] ?? 0;
  switch (kind) {
    case "worker":
      return {
        checkin_rate: rate(v("checked_in"), workingDays),
        patrol_rate: rate(v("met_minimum"), workingDays),
        cases_reported: v("cases_reported"),
        verify_count: v("cases_verified"),
        resolved_on_site: v("resolved_on_site"),
        orders_on_time_rate: rate(v("orders_on_time"), v("orders_done")),
        visits: v("visits"),
        collection_approved: v("collection_approved"),
      };
    case "grid":
    case "township":
      return {
        patrol_days_rate: rate(v("patrolled"), workingDays * Math.max(1, v("grids"))),
        cases_reported: v("cases_reported"),
        resolved_on_site_rate: rate(v("resolved_on_site"), v("cases_reported")),
        closed_rate: rate(v("cases_closed"), v("cases_reported")),
        overdue_free_rate: freeRate(v("overdue"), v("cases_reported")),
        ...Object.fromEntries(DISPUTE_INDICATORS.map((k) => [k, v(k)])),
      };
    case "department":
      return {
        signed_on_time_rate: rate(v("signed_on_time"), v("signed")),
        handled_on_time_rate: rate(v("handled_on_time"), v("handled")),
        return_free_rate: freeRate(v("returned"), v("dispatched")),
        overdue_free_rate: freeRate(v("overdue"), v("dispatched")),
        warning_free_rate: freeRate(v("warnings"), v("dispatched")),
        satisfaction: v("rated") > 0 ? v("satisfaction_sum") / v("rated") : 100,
      };
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Scores and ranks the subjects of one kind and period. Each county is its own cohort with its own
 * weights (`weightsOf(countyCode)`); ranks are 1-based within the county, equal scores share a rank.
 */
export function rankSubjects(
  kind: RankingKind,
  period: string,
  subjects: readonly SubjectTotals[],
  workingDays: number,
  weightsOf: (countyCode: string) => { weights: ScoringWeights; version: number },
): RankingRow[] {
  const byCounty = new Map<string, SubjectTotals[]>();
  for (const s of subjects) {
    const cohort = byCounty.get(s.countyCode);
    if (cohort) cohort.push(s);
    else byCounty.set(s.countyCode, [s]);
  }
  const rows: RankingRow[] = [];
  for (const [countyCode, cohort] of [...byCounty].sort(([a], [b]) => a.localeCompare(b))) {
    const { weights, version } = weightsOf(countyCode);
    const w = weights[kind] as Partial<Record<string, number>>;
    const values = cohort.map((s) => indicatorValues(kind, s.totals, workingDays));
    const best = new Map<string, number>();
    for (const vals of values) for (const k of COUNT_INDICATORS) best.set(k, Math.max(best.get(k) ?? 0, vals[k] ?? 0));
    const indicators = [...INDICATORS[kind], ...FIGURES[kind]];
    const totalWeight = indicators.reduce((sum, k) => sum + (w[k] ?? 0), 0) || 1;
    const scored = cohort.map((s, i) => {
      const vals = values[i]!;
      const components: ScoreComponent[] = indicators.map((indicator) => {
        const value = vals[indicator] ?? 0;
        const top = best.get(indicator);
        const score = COUNT_INDICATORS.has(indicator) ? (top ? (value / top) * 100 : 0) : value;
        return { indicator, value: round2(value), score: round2(score), weight: w[indicator] ?? 0 };
      });
      const score = round2(components.reduce((sum, c) => sum + c.score * c.weight, 0) / totalWeight);
      return { s, score, components };
    });
    scored.sort((a, b) => b.score - a.score || a.s.subjectId.localeCompare(b.s.subjectId));
    scored.forEach((x, i) => {
      const rank = i > 0 && scored[i - 1]!.score === x.score ? rows[rows.length - 1]!.rank : i + 1;
      rows.push({
        kind,
        period,
        subjectId: x.s.subjectId,
        divisionCode: x.s.divisionCode,
        countyCode,
        score: x.score,
        rank,
        rulesVersion: version,
        components: x.components,
      });
    });
  }
  return rows;
}
