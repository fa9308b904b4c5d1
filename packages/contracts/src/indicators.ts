import { z } from "@hono/zod-openapi";
import { DivisionCode } from "./division";

/**
 * 三率 and the standard indicators of the hotline and grid systems (issue 16 item 7), with their published
 * formulas: every figure is a count of stored case events, so anyone holding the events can recompute it.
 * A measure counts in the Asia/Shanghai day of the event it is anchored on (结案率: the day of the deadline).
 * Paused time (挂账, between `case.pause_approved` and `case.resumed`) is never late: an event while paused is on
 * time, and `case.resumed` carries the deadline moved by the paused time.
 */
export const IndicatorKey = z.enum([
  "response_rate",
  "resolution_rate",
  "satisfaction_rate",
  "on_time_closure_rate",
  "closure_rate",
  "rework_rate",
  "extension_rate",
  "supervised",
]);
export type IndicatorKey = z.infer<typeof IndicatorKey>;

export const IndicatorLevel = z.enum(["department", "grid", "township", "county"]);
export type IndicatorLevel = z.infer<typeof IndicatorLevel>;

export const IndicatorFormula = z
  .object({
    key: IndicatorKey,
    name: z.string(),
    nameZh: z.string(),
    unit: z.enum(["percent", "count"]),
    numerator: z.string(),
    denominator: z.string().nullable(),
    /** The case events the figure is counted from. */
    events: z.array(z.string()),
    /** The day a measure counts in, and the department it counts for. */
    countedOn: z.string(),
  })
  .openapi("IndicatorFormula");
export type IndicatorFormula = z.infer<typeof IndicatorFormula>;

const CLOSING = ["case.check_passed", "case.resolved_on_site"];
const LATE = "a step ended after the deadline the previous event set (paused time excluded: see the module's note)";

export const INDICATOR_FORMULAS: readonly IndicatorFormula[] = [
  {
    key: "response_rate",
    name: "response rate",
    nameZh: "响应率",
    unit: "percent",
    numerator: "dispatches the department signed within the sign limit (case.signed at or before the dispatch's dueAt)",
    denominator: "dispatches (case.dispatched)",
    events: ["case.dispatched", "case.signed", "case.pause_approved", "case.resumed"],
    countedOn: "the day of the dispatch; for the department it went to",
  },
  {
    key: "resolution_rate",
    name: "resolution rate",
    nameZh: "解决率",
    unit: "percent",
    numerator: "of those cases, the ones closed now (last closing not followed by a reopening)",
    denominator: "cases received (case.reported or a work order), less those invalidated or merged",
    events: [
      "case.reported",
      "case.work_order_created",
      "case.work_order_awaiting_approval",
      ...CLOSING,
      "case.reopened",
      "dispute.reopened",
      "case.invalidated",
      "case.merged",
    ],
    countedOn: "the day the case was received; for its last lead department",
  },
  {
    key: "satisfaction_rate",
    name: "satisfaction rate",
    nameZh: "满意率",
    unit: "percent",
    numerator: "verdicts satisfied or basically_satisfied",
    denominator:
      "verdicts: ratings (case.rated), follow-ups with a rating (case.followed_up), an unsatisfied rating that reopened the case (case.reopened not following a rating)",
    events: ["case.rated", "case.followed_up", "case.reopened"],
    countedOn: "the day of the verdict; for the case's lead department",
  },
  {
    key: "on_time_closure_rate",
    name: "on-time closure rate",
    nameZh: "按期结案率",
    unit: "percent",
    numerator: `closings of cases in which no step ran late (${LATE})`,
    denominator: "closings (case.check_passed, case.resolved_on_site)",
    events: [...CLOSING, "case.pause_approved", "case.resumed", "every step event (its dueAt)"],
    countedOn: "the day of the closing; for the lead department at closing",
  },
  {
    key: "closure_rate",
    name: "closure rate",
    nameZh: "结案率",
    unit: "percent",
    numerator: "of those cases, the ones closed now",
    denominator:
      "cases due to close: the handling deadline (dueAt of case.signed, moved by case.extension_approved and case.resumed) or, for a closed case that never reached handling, the deadline of its last step",
    events: ["case.signed", "case.extension_approved", "case.resumed", ...CLOSING, "case.reopened"],
    countedOn: "the day of the deadline; for the department that signed",
  },
  {
    key: "rework_rate",
    name: "rework rate",
    nameZh: "返工率",
    unit: "percent",
    numerator: "closings of cases that were sent back for rework before (case.check_failed or case.reopened)",
    denominator: "closings (case.check_passed, case.resolved_on_site)",
    events: [...CLOSING, "case.check_failed", "case.reopened"],
    countedOn: "the day of the closing; for the lead department at closing",
  },
  {
    key: "extension_rate",
    name: "extension rate",
    nameZh: "延期率",
    unit: "percent",
    numerator: "dispatches during which an extension was approved (case.extension_approved)",
    denominator: "dispatches (case.dispatched)",
    events: ["case.dispatched", "case.extension_approved"],
    countedOn: "the day of the dispatch; for the department it went to",
  },
  {
    key: "supervised",
    name: "supervised cases",
    nameZh: "督办件",
    unit: "count",
    numerator: "distinct cases supervised (case.supervised)",
    denominator: null,
    events: ["case.supervised"],
    countedOn: "the day of the supervision; for the unit answerable for the running step",
  },
];

/** One figure: the counts it is made of, and the rate in percent (null when there is nothing to measure). */
export const IndicatorValue = z
  .object({ numerator: z.number().int(), denominator: z.number().int().nullable(), value: z.number().nullable() })
  .openapi("IndicatorValue");
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const IndicatorValues = z
  .object(
    Object.fromEntries(IndicatorKey.options.map((k) => [k, IndicatorValue])) as Record<
      IndicatorKey,
      typeof IndicatorValue
    >,
  )
  .openapi("IndicatorValues");
export type IndicatorValues = z.infer<typeof IndicatorValues>;

/** A month (2026-11), quarter (2026-Q4), year (2026) or custom range of days (2026-11-03..2026-11-20). */
export const IndicatorPeriod = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})?$/,
    "a month (2026-11), quarter (2026-Q4), year (2026) or range (2026-11-03..2026-11-20)",
  );

export const IndicatorQuery = z.object({
  level: IndicatorLevel,
  period: IndicatorPeriod,
  /** A division in the caller's jurisdiction: only the cases of that area count. */
  divisionCode: DivisionCode.optional(),
  /** CSV also by `Accept: text/csv`. */
  format: z.enum(["json", "csv"]).optional(),
});

export const IndicatorRow = z
  .object({ level: IndicatorLevel, subjectId: z.string(), countyCode: z.string(), indicators: IndicatorValues })
  .openapi("IndicatorRow");
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const IndicatorTable = z
  .object({
    level: IndicatorLevel,
    period: z.string(),
    from: z.string(),
    to: z.string(),
    items: z.array(IndicatorRow),
  })
  .openapi("IndicatorTable");
export type IndicatorTable = z.infer<typeof IndicatorTable>;

/** The monthly report's block: the division's figures and its departments'. */
export const MonthlyIndicators = z
  .object({ total: IndicatorValues, byDepartment: z.array(IndicatorRow) })
  .openapi("MonthlyIndicators");
export type MonthlyIndicators = z.infer<typeof MonthlyIndicators>;
