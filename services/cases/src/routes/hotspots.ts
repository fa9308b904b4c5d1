import { createRoute, z } from "@hono/zod-openapi";
import {
  AnalyseHotspotsBody,
  CaseView,
  DismissHotspotBody,
  divisionPrefix,
  Hotspot,
  HotspotId,
  HotspotListQuery,
  HotspotRun,
  isWithinDivision,
  IssueHotspotBody,
  pageOf,
  type Principal,
} from "@civicgrid/contracts";
import {
  AppError,
  assertReferences,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  principalOf,
  toPage,
} from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { analyseMonth } from "../hotspots/analyse";
import { hotspotDb, issueHotspot, refuseDecided } from "../hotspots/issue";
import { monthRange, previousMonth } from "../hotspots/months";
import { countyShard } from "../read-models";
import { scopeResolver } from "../references";
import { dismissHotspot, hotspotById, hotspotsPage } from "../store/hotspots";

const params = z.object({ id: HotspotId });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/**
 * The division a caller reads a county's proposals at: their own when it lies inside the county (a township sees
 * its own), the county when theirs lies above it (a city); another county's caller is refused by the policy.
 */
function readingDivision(principal: Principal, countyCode: string): string {
  const own = principal.divisionCode ?? "";
  return own && isWithinDivision(own, countyCode) ? own : countyCode;
}

/** The proposal named in the path, once the caller may take `action` where it lies (404 unknown, 403 outside). */
async function hotspotFor(c: Context<AppEnv>, id: string, action: "hotspot:issue"): Promise<Hotspot> {
  const h = await hotspotById(hotspotDb(c, id), id);
  if (!h) throw new AppError("not_found", `no hotspot ${id}`);
  const known = { [`hotspot:${id}`]: { divisionCode: h.villageCode, gridCode: h.gridCode } };
  await assertReferences(c, [{ field: "param.id", kind: "hotspot", id, action }], scopeResolver(c.env, known));
  return h;
}

/** Hotspots (未诉先办, issue 16 item 8): the monthly analysis's proposals, issued in one step or dismissed. */
export const hotspotRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/hotspots",
      summary: "A county's hotspot proposals the caller's division holds (agency)",
      request: { query: HotspotListQuery },
      responses: { 200: { description: "a page, newest first", content: json(pageOf(Hotspot)) } },
    }),
    async (c) => {
      const { countyCode, status, limit, cursor } = c.req.valid("query");
      const principal = principalOf(c);
      const division = readingDivision(principal, countyCode);
      const { roles } = authorize(c, "hotspot:read", { divisionCode: division });
      const prefix = roles.includes("platform_admin") ? null : divisionPrefix(division);
      const db = c.var.shards.db(countyShard(c.env, countyCode, "query.countyCode"));
      const rows = await hotspotsPage(db, countyCode, status, prefix, limit, decodeCursor(cursor, 2));
      return c.json(
        toPage(rows, limit, (h) => [h.createdAt, h.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/hotspots/analyse",
      summary: "Analyse a county's month for recurring matters now (county agency or above; idempotent per month)",
      request: { body: { content: json(AnalyseHotspotsBody), required: true } },
      responses: { 200: { description: "the month's run and its proposals", content: json(HotspotRun) } },
    }),
    async (c) => {
      const body = c.req.valid("json");
      // The county analyses its own month: a township's agency lies inside the county, not over it.
      authorize(c, "hotspot:analyse", { divisionCode: body.countyCode });
      const now = Date.now();
      const month = body.month ?? previousMonth(now);
      if (Date.parse(monthRange(month).start) > now) throw AppError.field("body.month", "the month has not begun");
      const db = c.var.shards.db(countyShard(c.env, body.countyCode, "body.countyCode"), "write");
      return c.json(await analyseMonth(db, body.countyCode, month, now), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/hotspots/{id}/issue",
      summary: "Issue a hotspot as a proactive work order to its grid's workers (统一交办), in one step",
      request: { params, body: { content: json(IssueHotspotBody), required: true } },
      responses: { 201: { description: "the work order's case, opened", content: json(CaseView) } },
    }),
    async (c) => {
      const h = await hotspotFor(c, c.req.valid("param").id, "hotspot:issue");
      const view = await issueHotspot(c, h, c.req.valid("json"));
      c.header("etag", etagOf(view.version));
      c.header("location", `/v1/cases/${view.id}`);
      return c.json(view, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/hotspots/{id}/dismiss",
      summary: "Dismiss a hotspot proposal with a reason",
      request: { params, body: { content: json(DismissHotspotBody), required: true } },
      responses: { 200: { description: "the proposal, dismissed", content: json(Hotspot) } },
    }),
    async (c) => {
      const h = await hotspotFor(c, c.req.valid("param").id, "hotspot:issue");
      refuseDecided(h);
      const db = hotspotDb(c, h.id);
      const at = new Date().toISOString();
      if (!(await dismissHotspot(db, h.id, principalOf(c).sub, at, c.req.valid("json").reason)))
        throw new AppError("conflict", `hotspot ${h.id} is being issued or was decided meanwhile`);
      return c.json((await hotspotById(db, h.id))!, 200);
    },
  );
