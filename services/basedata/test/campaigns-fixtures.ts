import type { Campaign, NewCampaign, Principal } from "@civicgrid/contracts";
import { call, who } from "./helpers";

/** Campaign tests: the test village's two grids, a 新会 grid, and days around today (Asia/Shanghai). */
export const G1 = "440703001001001";
export const G2 = "440703001001002";
export const XH = "440705001001001";
export const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

export const campaignBody = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  name: "春节前矛盾纠纷排查",
  purpose: "节前排查邻里、婚姻家庭、劳资纠纷",
  gridCodes: [G1, G2],
  from: day(-2),
  to: day(2),
  ...overrides,
});

/** Opens a campaign through the API (the county agency unless said); answers it, throwing when refused. */
export async function opened(
  overrides: Partial<NewCampaign> = {},
  by: Principal = who.countyAgency,
): Promise<Campaign> {
  const res = await call(by, "POST", "/v1/basedata/campaigns", campaignBody(overrides));
  if (res.status !== 201) throw new Error(`campaign refused ${res.status}: ${await res.text()}`);
  return res.json<Campaign>();
}

export async function campaignAs(principal: Principal, id: string): Promise<Campaign> {
  const res = await call(principal, "GET", `/v1/basedata/campaigns/${id}`);
  if (res.status !== 200) throw new Error(`campaign read refused ${res.status}: ${await res.text()}`);
  return res.json<Campaign>();
}

export const gridOf = (c: Campaign, gridCode: string) => c.coverage.find((g) => g.gridCode === gridCode)!;
