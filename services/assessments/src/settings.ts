import type { AssessmentSettings, GradeThresholds, ScoringRules, ScoringWeights } from "@civicgrid/contracts";

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
  worker: { checkin_rate: 20, patrol_rate: 30, cases_reported: 20, verify_count: 10, resolved_on_site: 10, orders_on_time_rate: 10 },
  grid: { patrol_days_rate: 30, cases_reported: 20, resolved_on_site_rate: 20, closed_rate: 20, overdue_free_rate: 10 },
  township: { patrol_days_rate: 30, cases_reported: 20, resolved_on_site_rate: 20, closed_rate: 20, overdue_free_rate: 10 },
  department: { signed_on_time_rate: 20, handled_on_time_rate: 25, return_free_rate: 10, overdue_free_rate: 20, warning_free_rate: 5, satisfaction: 20 },
};

interface SettingsRow {
  county_code: string;
  daily_patrol_minutes: number;
  max_speed_kmh: number;
  grade_thresholds: string;
  version: number;
  updated_at: string;
}

export async function loadSettings(db: D1Database, countyCode: string): Promise<AssessmentSettings> {
  const row = await db.prepare("SELECT * FROM county_settings WHERE county_code = ?1").bind(countyCode).first<SettingsRow>();
  if (!row) return { countyCode, ...DEFAULT_SETTINGS, version: 0, isDefault: true, updatedAt: null };
  return {
    countyCode,
    dailyPatrolMinutes: row.daily_patrol_minutes,
    maxSpeedKmh: row.max_speed_kmh,
    gradeThresholds: JSON.parse(row.grade_thresholds) as GradeThresholds,
    version: row.version,
    isDefault: false,
    updatedAt: row.updated_at,
  };
}

interface RulesRow {
  county_code: string;
  version: number;
  effective_from: string;
  weights: string;
}

const toRules = (row: RulesRow): ScoringRules => ({
  countyCode: row.county_code,
  version: row.version,
  effectiveFrom: row.effective_from,
  weights: JSON.parse(row.weights) as ScoringWeights,
  isDefault: false,
});

const defaultRules = (countyCode: string): ScoringRules => ({ countyCode, version: 0, effectiveFrom: "1970-01-01", weights: DEFAULT_WEIGHTS, isDefault: true });

/** The newest version (what an edit must be based on), or the defaults as version 0. */
export async function latestRules(db: D1Database, countyCode: string): Promise<ScoringRules> {
  const row = await db.prepare("SELECT * FROM scoring_rules WHERE county_code = ?1 ORDER BY version DESC LIMIT 1").bind(countyCode).first<RulesRow>();
  return row ? toRules(row) : defaultRules(countyCode);
}

/** The rules a period is scored by: the newest version already in effect on the period's first day. */
export async function rulesForPeriod(db: D1Database, countyCode: string, firstDay: string): Promise<ScoringRules> {
  const row = await db
    .prepare("SELECT * FROM scoring_rules WHERE county_code = ?1 AND effective_from <= ?2 ORDER BY effective_from DESC, version DESC LIMIT 1")
    .bind(countyCode, firstDay)
    .first<RulesRow>();
  return row ? toRules(row) : defaultRules(countyCode);
}

/** The county (6 significant digits) a division or department belongs to, as a 12-digit code. */
export function countyOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 6)}000000`;
}
