import {
  CAMPAIGN_MAX_DAYS,
  type CampaignCoverage,
  type CampaignStatus,
  type NewCampaign,
  type VisitTargetKind,
} from "@civicgrid/contracts";
import { fieldRefusal, type Refusal } from "./refusal";
import { shanghaiDay } from "./visit-plan";

/** Days from `from` to `to`, both counted (calendar days; Asia/Shanghai keeps no daylight saving). */
const daysIncluded = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** Why a new campaign's grids or period cannot stand: a grid named twice, `to` before `from`, over a quarter. */
export function newCampaignRefusal(body: NewCampaign): Refusal | null {
  const seen = new Set<string>();
  for (const [i, code] of body.gridCodes.entries()) {
    if (seen.has(code)) return fieldRefusal(`body.gridCodes[${i}]`, `grid ${code} is named twice`);
    seen.add(code);
  }
  if (body.to < body.from) return fieldRefusal("body.to", "is before from");
  if (daysIncluded(body.from, body.to) > CAMPAIGN_MAX_DAYS)
    return fieldRefusal("body.to", `a campaign runs at most ${CAMPAIGN_MAX_DAYS} days`);
  return null;
}

export interface CampaignDates {
  fromDay: string;
  toDay: string;
  closedAt: string | null;
}

/** The last day screenings count: `to`, or the day it was closed early. */
export function lastDay(c: CampaignDates): string {
  const closed = c.closedAt ? shanghaiDay(c.closedAt) : null;
  return closed && closed < c.toDay ? closed : c.toDay;
}

/** planned before its first day, open through its last, closed after (or once closed early). */
export function campaignStatus(c: CampaignDates, now: Date): CampaignStatus {
  const today = shanghaiDay(now);
  if (c.closedAt || today > c.toDay) return "closed";
  return today < c.fromDay ? "planned" : "open";
}

/**
 * Why a visit cannot count as a screening of this campaign: 排查 screens households (houses) and units, on a day of
 * the campaign's period (up to the day it was closed), in one of its grids. Every refusal names body.campaignId.
 */
export function screeningRefusal(
  c: CampaignDates & { gridCodes: readonly string[] },
  visit: { targetKind: VisitTargetKind; visitedAt: string; gridCode: string },
): Refusal | null {
  const field = "body.campaignId";
  if (visit.targetKind === "person") return fieldRefusal(field, "a campaign screens houses and units, not people");
  const day = shanghaiDay(visit.visitedAt);
  if (day < c.fromDay || day > lastDay(c))
    return fieldRefusal(field, `the visit's day ${day} lies outside the campaign (${c.fromDay} to ${lastDay(c)})`);
  if (!c.gridCodes.includes(visit.gridCode))
    return fieldRefusal(field, `grid ${visit.gridCode} is not screened by this campaign`);
  return null;
}

/** Coverage figures: screened targets among those to screen over households + units (null when none to screen). */
export function coverageOf(f: {
  households: number;
  units: number;
  screened: number;
  covered: number;
  disputesFound: number;
}): CampaignCoverage {
  const toScreen = f.households + f.units;
  return {
    households: f.households,
    units: f.units,
    screened: f.screened,
    disputesFound: f.disputesFound,
    coverage: toScreen === 0 ? null : Math.min(f.covered, toScreen) / toScreen,
  };
}
