import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { MediatorKind } from "./dispute";

/**
 * The dispute figures of the assessments (issue 15 item 6; Jiangmen 第十一条(四): disputes found and mediated on
 * the spot; Gansu 二(一)1: 排查 and the 命案风险 warning; Wuxi 第四十二条–第四十七条: mediation, diversion), counted
 * from the case events in the Asia/Shanghai month of the event that counts:
 * - found: the first `dispute.recorded` of a case (`details.first`);
 * - mediatedOnSite: a `case.resolved_on_site` of a dispute;
 * - mediated: the first event of a case after which its stage is settled or agreed (once per case);
 * - diverted: the first `dispute.diverted` of a case;
 * - agreementsKept: a `dispute.followed_up` finding the agreement kept (once per agreement);
 * - majorRisk: `dispute.county_warned` (once per case: the stability fast path).
 */
export const DisputeFigures = z
  .object({
    found: z.number().int(),
    mediatedOnSite: z.number().int(),
    mediated: z.number().int(),
    diverted: z.number().int(),
    agreementsKept: z.number().int(),
    majorRisk: z.number().int(),
  })
  .openapi("DisputeFigures");
export type DisputeFigures = z.infer<typeof DisputeFigures>;

/**
 * The figures a county may weigh in its grid and township rankings (考核细则), besides INDICATORS: weight 0 until
 * it does, so no score moves by itself. The dispute work done: found (Gansu 二(一)1 排查), mediated on the spot
 * (Jiangmen 第十一条(四)), mediated, agreements kept. Diverted and major-risk disputes are shown, never weighed:
 * a weight would reward sending disputes away or the risk itself, and weights are never negative (a penalty would
 * reward not reporting a 命案风险, which Gansu 二(一)1(2) asks to report at once).
 */
export const DISPUTE_INDICATORS = [
  "disputes_found",
  "disputes_mediated_on_site",
  "disputes_mediated",
  "agreements_kept",
] as const;
export type DisputeIndicator = (typeof DISPUTE_INDICATORS)[number];

/** What a figure row is counted for: the case's grid, village, township or county, or the mediator assigned. */
export const DisputeFiguresBy = z.enum(["grid", "village", "township", "county", "mediator"]);
export type DisputeFiguresBy = z.infer<typeof DisputeFiguresBy>;

export const DisputeFiguresQuery = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month like 2026-11"),
  /** A division in the caller's jurisdiction; default: all of it. */
  division: DivisionCode.optional(),
  by: DisputeFiguresBy.default("grid"),
});

/** One subject's figures: a division code, or a mediator id with the mediator's kind. */
export const DisputeFiguresRow = z
  .object({ key: z.string(), mediatorKind: MediatorKind.nullable().optional(), figures: DisputeFigures })
  .openapi("DisputeFiguresRow");
export type DisputeFiguresRow = z.infer<typeof DisputeFiguresRow>;

/**
 * The figures of a period over the cases the caller may read (narrowed to `division`): `total` over them all,
 * `items` per subject. A mediator's row counts only the cases in that jurisdiction.
 */
export const DisputeFiguresAnswer = z
  .object({
    period: z.string(),
    division: z.string().nullable(),
    by: DisputeFiguresBy,
    total: DisputeFigures,
    items: z.array(DisputeFiguresRow),
  })
  .openapi("DisputeFiguresAnswer");
export type DisputeFiguresAnswer = z.infer<typeof DisputeFiguresAnswer>;

/** The monthly report's dispute section: the division's figures, its areas' and its mediators'. */
export const MonthlyDisputes = z
  .object({ total: DisputeFigures, byArea: z.array(DisputeFiguresRow), byMediator: z.array(DisputeFiguresRow) })
  .openapi("MonthlyDisputes");
export type MonthlyDisputes = z.infer<typeof MonthlyDisputes>;
