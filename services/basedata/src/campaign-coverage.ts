import { villageOfId, type Campaign, type GridCoverage } from "@civicgrid/contracts";
import { coverageOf } from "./domain/campaigns";
import { villageStub, type Env } from "./env";
import { screenedTargets, screeningsByGrid } from "./store/campaign-screenings";
import { summaryOf, type CampaignRecord } from "./store/campaigns";
import { knownVillages } from "./store/villages";
import type { GridTargets } from "./village/visits/screening";

/**
 * A campaign with its coverage: per grid, the households (lived-in houses) and units to screen, counted by the
 * village objects from their own records (one call per village), against the distinct targets screened in D1.
 */
export async function campaignWithCoverage(env: Env, campaign: CampaignRecord, now: Date): Promise<Campaign> {
  const [screenings, targets] = await Promise.all([
    screeningsByGrid(env.DB, campaign.id),
    screenedTargets(env.DB, campaign.id),
  ]);
  const byVillage = new Map<string, string[]>();
  for (const g of campaign.gridCodes) byVillage.set(g.slice(0, 12), [...(byVillage.get(g.slice(0, 12)) ?? []), g]);
  const known = await knownVillages(env.DB, [...byVillage.keys()]);
  const answers = await Promise.all(
    [...byVillage]
      .filter(([v]) => known.has(v))
      .map(([v, grids]) =>
        villageStub(env, v).campaignTargets(
          grids,
          targets.filter((t) => villageOfId(t) === v),
        ),
      ),
  );
  const held = new Map<string, GridTargets>(answers.flatMap((a) => Object.entries(a)));
  const rows = campaign.gridCodes.map((gridCode) => ({
    gridCode,
    ...(held.get(gridCode) ?? { households: 0, units: 0, covered: 0 }),
    ...(screenings.get(gridCode) ?? { screened: 0, disputesFound: 0, caseIds: [] }),
  }));
  const coverage: GridCoverage[] = rows.map((r) => ({ gridCode: r.gridCode, ...coverageOf(r), caseIds: r.caseIds }));
  const total = (key: "households" | "units" | "screened" | "covered" | "disputesFound") =>
    rows.reduce((n, r) => n + r[key], 0);
  const totals = coverageOf({
    households: total("households"),
    units: total("units"),
    screened: total("screened"),
    covered: total("covered"),
    disputesFound: total("disputesFound"),
  });
  return { ...summaryOf(campaign, now), coverage, totals };
}
