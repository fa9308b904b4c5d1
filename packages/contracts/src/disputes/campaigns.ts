import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { PageQuery } from "../pagination";

/**
 * 排查 campaigns (Gansu 二(一)1(1): regular screening of disputes, e.g. before a holiday): an agency opens one over
 * grids of its jurisdiction and a period; grid workers screen households (houses where people live) and units with a
 * visit naming the campaign; the campaign shows coverage per grid. Days are Asia/Shanghai calendar days.
 */
export const CampaignId = z.string().regex(/^cp-[0-9a-z]{20,40}$/, "must be a campaign id like cp-…");
export type CampaignId = z.infer<typeof CampaignId>;

const GridCode = z.string().regex(/^\d{15}$/, "must be a 15-digit grid code");
const Day = z.iso.date();

/** The longest period a campaign may run: a quarter (92 days, both ends counted). */
export const CAMPAIGN_MAX_DAYS = 92;

export const NewCampaign = z
  .object({
    name: z.string().trim().min(2).max(100),
    /** Why (节前排查, a land-use dispute hot spot …): shown to the workers who screen. */
    purpose: z.string().trim().min(1).max(1000),
    gridCodes: z.array(GridCode).min(1).max(500),
    from: Day,
    to: Day,
  })
  .openapi("NewCampaign");
export type NewCampaign = z.infer<typeof NewCampaign>;

/** planned before `from`, open from `from` to `to`, closed after `to` or once closed early. */
export const CampaignStatus = z.enum(["planned", "open", "closed"]);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const CampaignSummary = z
  .object({
    id: CampaignId,
    name: z.string(),
    purpose: z.string(),
    /** The division of the agency that opened it (the campaign is theirs to close). */
    divisionCode: DivisionCode,
    gridCodes: z.array(GridCode),
    from: Day,
    to: Day,
    status: CampaignStatus,
    /** Set when the campaign was closed before its `to` day. */
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi("CampaignSummary");
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** How far a grid (or the whole campaign) is screened. */
export const CampaignCoverage = z.object({
  /** Houses with people living in them (present residents), the households to screen. */
  households: z.number().int().min(0),
  /** Open units (实有单位) to screen. */
  units: z.number().int().min(0),
  /** Distinct houses and units screened (a target visited twice counts once). */
  screened: z.number().int().min(0),
  /** Needs found on screening visits that asked for a case: the disputes found. */
  disputesFound: z.number().int().min(0),
  /** Screened targets among those to screen, over households + units; null when there is nothing to screen. */
  coverage: z.number().min(0).max(1).nullable(),
});
export type CampaignCoverage = z.infer<typeof CampaignCoverage>;

export const GridCoverage = CampaignCoverage.extend({
  gridCode: GridCode,
  /** The cases the disputes found opened, once the cases service answered. */
  caseIds: z.array(z.string()),
});
export type GridCoverage = z.infer<typeof GridCoverage>;

export const Campaign = CampaignSummary.extend({
  coverage: z.array(GridCoverage),
  totals: CampaignCoverage,
}).openapi("Campaign");
export type Campaign = z.infer<typeof Campaign>;

export const CampaignQuery = PageQuery.extend({
  status: CampaignStatus.optional(),
  gridCode: GridCode.optional(),
});
export type CampaignQuery = z.infer<typeof CampaignQuery>;
