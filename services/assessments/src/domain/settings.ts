import type { AssessmentSettings, Grade, GradeThresholds, ScoringRules, ScoringWeights } from "@civicgrid/contracts";

/**
 * Defaults when a county has set nothing. Daily patrol: 120 minutes (Gansu 三(二): at least two hours
 * of patrol a day); a patrol leg faster than 120 km/h is a jump no worker on foot, bicycle or car in a
 * township makes; grades 优秀 ≥ 90, 合格 ≥ 75, 基本合格 ≥ 60, else 不合格.
 */
export const DEFAULT_SETTINGS = {
  dailyPatrolMinutes: 120,
  maxSpeedKmh: 120,
  gradeThresholds: { excellent: 90, qualified: 75, basic: 60 } satisfies GradeThresholds,
};

/** Default 考核细则 weights: patrol and check-in weigh most for workers, deadlines and satisfaction for departments. */
export const DEFAULT_WEIGHTS: ScoringWeights = {
  worker: {
    checkin_rate: 20,
    patrol_rate: 30,
    cases_reported: 20,
    verify_count: 10,
    resolved_on_site: 10,
    orders_on_time_rate: 10,
  },
  grid: { patrol_days_rate: 30, cases_reported: 20, resolved_on_site_rate: 20, closed_rate: 20, overdue_free_rate: 10 },
  township: {
    patrol_days_rate: 30,
    cases_reported: 20,
    resolved_on_site_rate: 20,
    closed_rate: 20,
    overdue_free_rate: 10,
  },
  department: {
    signed_on_time_rate: 20,
    handled_on_time_rate: 25,
    return_free_rate: 10,
    overdue_free_rate: 20,
    warning_free_rate: 5,
    satisfaction: 20,
  },
};

/** What a county that has set nothing is assessed by: the defaults as version 0. */
export const defaultSettings = (countyCode: string): AssessmentSettings => ({
  countyCode,
  ...DEFAULT_SETTINGS,
  version: 0,
  isDefault: true,
  updatedAt: null,
});

/** The 考核细则 of a county that has added no version: the default weights as version 0. */
export const defaultRules = (countyCode: string): ScoringRules => ({
  countyCode,
  version: 0,
  effectiveFrom: "1970-01-01",
  weights: DEFAULT_WEIGHTS,
  isDefault: true,
});

/** 优秀 / 合格 / 基本合格 / 不合格 by the county's thresholds. */
export function gradeOf(score: number, t: GradeThresholds): Grade {
  if (score >= t.excellent) return "优秀";
  if (score >= t.qualified) return "合格";
  if (score >= t.basic) return "基本合格";
  return "不合格";
}
