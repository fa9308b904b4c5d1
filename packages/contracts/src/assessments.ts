import { z } from "@hono/zod-openapi";
import { DivisionCode } from "./division";
import { DISPUTE_INDICATORS, DisputeFigures, MonthlyDisputes } from "./disputes/figures";
import { IndicatorValues, MonthlyIndicators } from "./indicators";

/**
 * The assessments API (check-in, patrols, daily facts, rankings, yearly evaluation, monthly analysis).
 * Workers are keyed by login subject (`principal.sub`).
 */

const Lng = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const Instant = z.string().datetime({ offset: true });

export const CheckInBody = z.object({ lng: Lng.optional(), lat: Lat.optional() }).openapi("CheckInBody");
export type CheckInBody = z.infer<typeof CheckInBody>;

export const CheckIn = z
  .object({
    sub: z.string(),
    day: z.string(),
    divisionCode: z.string(),
    at: z.string(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
  })
  .openapi("CheckIn");
export type CheckIn = z.infer<typeof CheckIn>;

export const TrackPointInput = z.object({ lng: Lng, lat: Lat, at: Instant });
export const PatrolPointsBody = z
  .object({ points: z.array(TrackPointInput).min(1).max(500) })
  .openapi("PatrolPointsBody");
export type PatrolPointsBody = z.infer<typeof PatrolPointsBody>;

export const PatrolStartBody = z.object({ at: Instant.optional() }).openapi("PatrolStartBody");
export const PatrolEndBody = z.object({ at: Instant.optional() }).openapi("PatrolEndBody");

/** Why a patrol or part of it was not counted. */
export const PatrolFlag = z.enum(["speed", "stationary", "outside_grids", "gap"]);
export type PatrolFlag = z.infer<typeof PatrolFlag>;

export const Patrol = z
  .object({
    id: z.string(),
    sub: z.string(),
    day: z.string(),
    status: z.enum(["open", "ended"]),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    pointCount: z.number().int(),
    countedMinutes: z.number(),
    countedDistanceM: z.number(),
    coveredGrids: z.array(z.string()),
    flags: z.array(z.object({ flag: PatrolFlag, segments: z.number().int() })),
    version: z.number().int(),
  })
  .openapi("Patrol");
export type Patrol = z.infer<typeof Patrol>;

export const PatrolDay = z
  .object({
    sub: z.string(),
    day: z.string(),
    checkedIn: z.boolean(),
    patrolMinutes: z.number(),
    distanceM: z.number(),
    coveredGrids: z.array(z.string()),
    minimumMinutes: z.number().int(),
    metMinimum: z.boolean(),
    flaggedPatrols: z.number().int(),
  })
  .openapi("PatrolDay");
export type PatrolDay = z.infer<typeof PatrolDay>;

export const RankingKind = z.enum(["worker", "grid", "township", "department"]);
export type RankingKind = z.infer<typeof RankingKind>;

/** Indicators a county can weigh, per subject kind. Rates are 0–100; counts are scored against the county's best. */
export const INDICATORS = {
  worker: ["checkin_rate", "patrol_rate", "cases_reported", "verify_count", "resolved_on_site", "orders_on_time_rate"],
  grid: ["patrol_days_rate", "cases_reported", "resolved_on_site_rate", "closed_rate", "overdue_free_rate"],
  township: ["patrol_days_rate", "cases_reported", "resolved_on_site_rate", "closed_rate", "overdue_free_rate"],
  department: [
    "signed_on_time_rate",
    "handled_on_time_rate",
    "return_free_rate",
    "overdue_free_rate",
    "warning_free_rate",
    "satisfaction",
  ],
} as const satisfies Record<RankingKind, readonly string[]>;

const weightsOf = <const K extends readonly [string, ...string[]]>(indicators: K) =>
  z
    .partialRecord(z.enum(indicators), z.number().min(0).max(100))
    .refine((w) => Object.values(w).some((v) => typeof v === "number" && v > 0), "at least one weight above 0");

/** Grids and townships may also weigh their dispute work (DISPUTE_INDICATORS, weight 0 unless set). */
export const ScoringWeights = z
  .object({
    worker: weightsOf(INDICATORS.worker),
    grid: weightsOf([...INDICATORS.grid, ...DISPUTE_INDICATORS]),
    township: weightsOf([...INDICATORS.township, ...DISPUTE_INDICATORS]),
    department: weightsOf(INDICATORS.department),
  })
  .openapi("ScoringWeights");
export type ScoringWeights = z.infer<typeof ScoringWeights>;

/** Yearly grade thresholds: a score at or above `excellent` is 优秀, and so on; below `basic` 不合格. */
export const GradeThresholds = z
  .object({
    excellent: z.number().min(0).max(100),
    qualified: z.number().min(0).max(100),
    basic: z.number().min(0).max(100),
  })
  .refine((t) => t.excellent > t.qualified && t.qualified > t.basic, "excellent > qualified > basic")
  .openapi("GradeThresholds");
export type GradeThresholds = z.infer<typeof GradeThresholds>;

export const AssessmentSettingsBody = z
  .object({
    dailyPatrolMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    maxSpeedKmh: z.number().min(5).max(400),
    gradeThresholds: GradeThresholds,
  })
  .openapi("AssessmentSettingsBody");
export type AssessmentSettingsBody = z.infer<typeof AssessmentSettingsBody>;

export const AssessmentSettings = AssessmentSettingsBody.extend({
  countyCode: z.string(),
  version: z.number().int(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
}).openapi("AssessmentSettings");
export type AssessmentSettings = z.infer<typeof AssessmentSettings>;

export const ScoringRulesBody = z
  .object({ effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"), weights: ScoringWeights })
  .openapi("ScoringRulesBody");
export type ScoringRulesBody = z.infer<typeof ScoringRulesBody>;

export const ScoringRules = ScoringRulesBody.extend({
  countyCode: z.string(),
  version: z.number().int(),
  isDefault: z.boolean(),
}).openapi("ScoringRules");
export type ScoringRules = z.infer<typeof ScoringRules>;

/** ISO week (2026-W47), month (2026-11) or year (2026). */
export const Period = z.string().regex(/^\d{4}(-W\d{2}|-\d{2})?$/, "a period like 2026-W47, 2026-11 or 2026");

export const RankingQuery = z.object({
  kind: RankingKind,
  period: z.string().regex(/^\d{4}-(W\d{2}|\d{2})$/, "a week like 2026-W47 or a month like 2026-11"),
  divisionCode: DivisionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const ScoreComponent = z.object({
  indicator: z.string(),
  value: z.number(),
  score: z.number(),
  weight: z.number(),
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;

export const RankingRow = z
  .object({
    kind: RankingKind,
    period: z.string(),
    subjectId: z.string(),
    divisionCode: z.string(),
    countyCode: z.string(),
    score: z.number(),
    rank: z.number().int(),
    rulesVersion: z.number().int(),
    components: z.array(ScoreComponent),
    /**
     * On grid and township rows: the period's dispute figures as counted now (the components hold those weighed,
     * DISPUTE_INDICATORS, as counted when the ranking was computed).
     */
    disputes: DisputeFigures.optional(),
    /** On grid, township and department rows: the period's 三率 and standard indicators as counted now. */
    indicators: IndicatorValues.optional(),
  })
  .openapi("RankingRow");
export type RankingRow = z.infer<typeof RankingRow>;

export const Grade = z.enum(["优秀", "合格", "基本合格", "不合格"]);
export type Grade = z.infer<typeof Grade>;

export const Evaluation = z
  .object({
    sub: z.string(),
    year: z.string(),
    divisionCode: z.string(),
    score: z.number(),
    grade: Grade,
    rank: z.number().int(),
    components: z.array(ScoreComponent),
  })
  .openapi("Evaluation");
export type Evaluation = z.infer<typeof Evaluation>;

export const RecomputeBody = z
  .object({
    kind: z.enum(["day", "week", "month", "year"]),
    period: z.string().regex(/^\d{4}(-W\d{2}|-\d{2}(-\d{2})?)?$/, "YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY"),
  })
  .openapi("RecomputeBody");
export type RecomputeBody = z.infer<typeof RecomputeBody>;

export const Counted = z.object({ key: z.string(), count: z.number().int() });
export const EarlyWarning = z.object({
  categoryCode: z.string(),
  areaCode: z.string(),
  count: z.number().int(),
  trailingAverage: z.number(),
  ratio: z.number(),
});

export const MonthlyReport = z
  .object({
    divisionCode: z.string(),
    month: z.string(),
    totalCases: z.number().int(),
    previousMonths: z.array(z.object({ month: z.string(), count: z.number().int() })),
    byCategory: z.array(Counted.extend({ previous: z.number().int() })),
    byArea: z.array(Counted),
    bySource: z.array(Counted),
    daily: z.array(z.object({ day: z.string(), count: z.number().int() })),
    topGrids: z.array(Counted),
    topOverdueDepartments: z.array(Counted),
    earlyWarnings: z.array(EarlyWarning),
    /** Base data this month (Gansu 四: 走访, 采集上报): home visits recorded and collected changes verified. */
    collection: z.object({ visits: z.number().int(), collectionApproved: z.number().int() }).optional(),
    /** Disputes this month (矛盾纠纷排查化解): the six figures of the division, its areas and its mediators. */
    disputes: MonthlyDisputes.optional(),
    /** 三率 and the standard indicators this month: the division's and its departments' (INDICATOR_FORMULAS). */
    indicators: MonthlyIndicators.optional(),
  })
  .openapi("MonthlyReport");
export type MonthlyReport = z.infer<typeof MonthlyReport>;
