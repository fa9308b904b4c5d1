import { can, type Action, type ResourceScope, type ScopeResolver } from "@civicgrid/auth";
import type { NewVisit, Principal } from "@civicgrid/contracts";
import { AppError, assertReferences, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { screeningRefusal } from "./domain/campaigns";
import type { AppEnv } from "./env";
import { refuse } from "./refuse";
import { campaignOf, type CampaignRecord } from "./store/campaigns";

const gridScope = (gridCode: string): ResourceScope => ({ divisionCode: gridCode.slice(0, 12), gridCode });

/**
 * Where a campaign lies for `principal`: one of its grids the caller may act on (a township agency or a grid worker
 * reaches a county's campaign through the grids it covers), else the division of the agency that opened it.
 */
export function campaignScopeFor(principal: Principal, action: Action, c: CampaignRecord): ResourceScope {
  const grid = c.gridCodes.find((g) => can(principal, action, gridScope(g)));
  return grid ? gridScope(grid) : { divisionCode: c.divisionCode };
}

/**
 * A campaign a request names (path or body), checked like every reference: unknown → 422 (404 for the path),
 * outside the caller's reach for `action` → 403, naming `field`. Answers the campaign.
 */
export async function assertCampaign(
  c: Context<AppEnv>,
  field: string,
  id: string,
  action: Action,
): Promise<CampaignRecord> {
  const campaign = await campaignOf(c.env.DB, id);
  if (!campaign && field.startsWith("path.")) throw new AppError("not_found", `no campaign ${id}`);
  const principal = principalOf(c);
  const resolve: ScopeResolver = async () => (campaign ? campaignScopeFor(principal, action, campaign) : null);
  await assertReferences(c, [{ field, kind: "campaign", id, action }], resolve);
  return campaign!;
}

/** Every grid a new campaign names, through the registry: unknown or not active → 422, outside reach → 403. */
export async function assertCampaignGrids(c: Context<AppEnv>, gridCodes: readonly string[]): Promise<void> {
  const found = new Map(await Promise.all(gridCodes.map(async (g) => [g, await c.env.REGISTRY.grid(g)] as const)));
  const resolve: ScopeResolver = async (_kind, id) => {
    const grid = found.get(id);
    return grid?.status === "active" ? { divisionCode: grid.villageCode, gridCode: id } : null;
  };
  const references = gridCodes.map((id, i) => ({
    field: `body.gridCodes[${i}]`,
    kind: "grid" as const,
    id,
    action: "campaign:write" as const,
  }));
  await assertReferences(c, references, resolve);
}

/**
 * A visit naming a campaign screens for it (Gansu 二(一)1(1)): the campaign must be within the worker's reach and the
 * visit a house or unit, on a day of its period, in one of its grids (`gridCode`: where the visit took place).
 */
export async function assertScreening(c: Context<AppEnv>, visit: NewVisit, gridCode: string): Promise<void> {
  if (!visit.campaignId) return;
  const campaign = await assertCampaign(c, "body.campaignId", visit.campaignId, "campaign:read");
  refuse(screeningRefusal(campaign, { ...visit, gridCode }));
}
