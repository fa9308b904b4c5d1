import { createRoute, z } from "@hono/zod-openapi";
import {
  divisionPrefix,
  Campaign,
  CampaignId,
  CampaignQuery,
  CampaignSummary,
  NewCampaign,
  pageOf,
} from "@civicgrid/contracts";
import { AppError, authorize, authorizeEver, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { assertCampaign, assertCampaignGrids } from "../campaign-access";
import { campaignWithCoverage } from "../campaign-coverage";
import { newCampaignRefusal } from "../domain/campaigns";
import { shanghaiDay } from "../domain/visit-plan";
import type { AppEnv } from "../env";
import { refuse } from "../refuse";
import { campaignOf, closeCampaign, insertCampaign, listCampaigns, summaryOf } from "../store/campaigns";
import { timedId } from "../timed-id";

/** 排查 campaigns (Gansu 二(一)1(1): regular screening of disputes), opened by an agency over grids of its jurisdiction. */
export const campaignRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const params = z.object({ id: CampaignId });

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/campaigns",
    summary: "An agency opens a dispute-screening campaign (排查) over grids of its jurisdiction and a period",
    request: { body: json(NewCampaign) },
    responses: { 201: { description: "opened", ...json(Campaign) } },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const { principal } = authorize(c, "campaign:write", { divisionCode: principalOf(c).divisionCode });
    refuse(newCampaignRefusal(body));
    await assertCampaignGrids(c, body.gridCodes);
    const now = new Date();
    const id = timedId("cp");
    await insertCampaign(
      c.env.DB,
      {
        id,
        name: body.name,
        purpose: body.purpose,
        divisionCode: principal.divisionCode,
        fromDay: body.from,
        toDay: body.to,
        createdBy: principal.sub,
        createdAt: now.toISOString(),
      },
      body.gridCodes.map((gridCode) => ({ gridCode, villageCode: gridCode.slice(0, 12) })),
    );
    c.header("location", `/v1/basedata/campaigns/${id}`);
    return c.json(await campaignWithCoverage(c.env, (await campaignOf(c.env.DB, id))!, now), 201);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/campaigns",
    summary: "Campaigns newest first: an agency's over its jurisdiction, a grid worker's over the grids they serve",
    request: { query: CampaignQuery },
    responses: { 200: { description: "a page", ...json(pageOf(CampaignSummary)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const principal = authorizeEver(c, "campaign:read");
    const wide = principal.roles.some((r) => r === "agency" || r === "platform_admin");
    if (q.gridCode) authorize(c, "campaign:read", { divisionCode: q.gridCode.slice(0, 12), gridCode: q.gridCode });
    const before = decodeCursor(q.cursor, 1)?.[0];
    const now = new Date();
    const rows = await listCampaigns(
      c.env.DB,
      {
        ...(wide ? { prefix: divisionPrefix(principal.divisionCode) } : { grids: principal.grids ?? [] }),
        gridCode: q.gridCode,
        status: q.status,
        before: before === undefined ? undefined : String(before),
        limit: q.limit + 1,
      },
      shanghaiDay(now),
    );
    const page = toPage(rows, q.limit, (r) => [r.id]);
    return c.json({ ...page, items: page.items.map((r) => summaryOf(r, now)) }, 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/campaigns/{id}",
    summary: "A campaign with its coverage per grid: households and units to screen, screened, disputes found",
    request: { params },
    responses: { 200: { description: "the campaign", ...json(Campaign) } },
  }),
  async (c) => {
    const campaign = await assertCampaign(c, "path.id", c.req.valid("param").id, "campaign:read");
    return c.json(await campaignWithCoverage(c.env, campaign, new Date()), 200);
  },
);

campaignRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/campaigns/{id}/close",
    summary: "Closes a planned or open campaign early (by the agency that opened it or one above)",
    request: { params },
    responses: { 200: { description: "closed", ...json(Campaign) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const campaign = await campaignOf(c.env.DB, id);
    if (!campaign) throw new AppError("not_found", `no campaign ${id}`);
    // Closing is the opener's decision: a township agency reaching a county's campaign through its grids may not.
    const { principal } = authorize(c, "campaign:write", { divisionCode: campaign.divisionCode });
    const now = new Date();
    if (!(await closeCampaign(c.env.DB, id, principal.sub, now, shanghaiDay(now))))
      throw new AppError("invalid_transition", `campaign ${id} is already closed`);
    return c.json(await campaignWithCoverage(c.env, (await campaignOf(c.env.DB, id))!, now), 200);
  },
);
