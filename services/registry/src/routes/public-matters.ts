import { DateOnly, DivisionCode, MatterCategoryNode, MatterCode, MatterList, PublicMatter, scrubPublicText, type MatterCategoryTree } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { admittedMatters } from "../rpc";
import { unlistedCodes } from "../store/matter-definitions";
import { listOf, listVersion, listVersionOn, type ListVersionRow } from "../store/matters";
import { shanghaiToday } from "../time";
import { cacheableJson } from "./cacheable";
import { jsonOf, refusals } from "./openapi";

/** The matters catalogue and every version of each county's lists are public (向社会公布). */
export const publicMatters = createRouter<AppEnv>();
const County = z.object({ countyCode: DivisionCode });

/** Lists change by filed versions, rarely: a minute of caching is harmless. */
const cacheable = (c: Parameters<typeof cacheableJson>[0], value: unknown) => cacheableJson(c, value, "public, max-age=60");

export async function categoryTree(db: D1Database): Promise<MatterCategoryTree[]> {
  const { results } = await db.prepare("SELECT code, name, parent_code, description FROM matter_categories ORDER BY code").all<{ code: string; name: string; parent_code: string | null; description: string }>();
  const nodes = new Map<string, MatterCategoryTree>(
    results.map((r) => [r.code, { code: r.code, name: scrubPublicText(r.name), parentCode: r.parent_code, description: scrubPublicText(r.description), children: [] }]),
  );
  const roots: MatterCategoryTree[] = [];
  for (const node of nodes.values()) (node.parentCode ? nodes.get(node.parentCode)?.children : roots)?.push(node);
  return roots;
}

/** A list version as the public sees it: without demo and test configuration, free text scrubbed. */
async function publicList(db: D1Database, version: ListVersionRow): Promise<MatterList> {
  const [list, unlisted] = await Promise.all([listOf(db, version), unlistedCodes(db)]);
  return {
    ...list,
    admission: list.admission.filter((i) => !unlisted.has(i.matterCode)).map((i) => ({ ...i, name: scrubPublicText(i.name) })),
    forbidden: list.forbidden.filter((i) => !unlisted.has(i.matterCode)).map((i) => ({ ...i, name: scrubPublicText(i.name), rule: scrubPublicText(i.rule) })),
  };
}

publicMatters.openapi(
  createRoute({ method: "get", path: "/v1/public/matters/categories", summary: "The city's matter category catalogue (分类目录), as a tree", security: [], responses: { 200: jsonOf(z.object({ items: z.array(MatterCategoryNode) }), "the tree"), ...refusals } }),
  async (c) => cacheable(c, { items: await categoryTree(c.env.DB) }) as never,
);

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/lists/{countyCode}",
    summary: "A county's admission and forbidden lists (准入清单 / 禁入清单) in force today or on onDate",
    security: [],
    request: { params: County, query: z.object({ onDate: DateOnly.optional() }) },
    responses: { 200: jsonOf(MatterList, "the lists"), 304: { description: "not modified" }, ...refusals },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    const date = c.req.valid("query").onDate ?? shanghaiToday();
    const version = await listVersionOn(c.env.DB, countyCode, date);
    if (!version) throw new AppError("not_found", `county ${countyCode} has no lists in force on ${date}`);
    return cacheable(c, await publicList(c.env.DB, version)) as never;
  },
);

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/lists/{countyCode}/matters/{matterCode}",
    summary: "A matter residents may report in a county today, with its description, keywords, group and the questions a report asks",
    security: [],
    request: { params: County.extend({ matterCode: MatterCode }) },
    responses: { 200: jsonOf(PublicMatter, "the matter"), 304: { description: "not modified" }, ...refusals },
  }),
  async (c) => {
    const { countyCode, matterCode } = c.req.valid("param");
    const matter = (await admittedMatters(c.env.DB, countyCode)).find((m) => m.matterCode === matterCode);
    if (!matter) throw new AppError("not_found", `county ${countyCode} lists no matter ${matterCode} for residents today`);
    return cacheable(c, matter) as never;
  },
);

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/lists/{countyCode}/versions",
    summary: "Every version of a county's lists, newest first",
    security: [],
    request: { params: County },
    responses: { 200: jsonOf(z.object({ items: z.array(MatterList.omit({ admission: true, forbidden: true })) }), "the versions"), ...refusals },
  }),
  async (c) => {
    const { results } = await c.env.DB.prepare("SELECT * FROM matter_list_versions WHERE county_code = ?1 ORDER BY number DESC").bind(c.req.valid("param").countyCode).all<ListVersionRow>();
    const items = results.map((v) => ({ countyCode: v.county_code, number: v.number, effectiveDate: v.effective_date, filedAt: v.filed_at, changeRequestId: v.change_request_id }));
    return cacheable(c, { items }) as never;
  },
);

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/lists/{countyCode}/versions/{number}",
    summary: "One version of a county's lists",
    security: [],
    request: { params: County.extend({ number: z.coerce.number().int().positive() }) },
    responses: { 200: jsonOf(MatterList, "the lists"), 304: { description: "not modified" }, ...refusals },
  }),
  async (c) => {
    const { countyCode, number } = c.req.valid("param");
    const version = await listVersion(c.env.DB, countyCode, number);
    if (!version) throw new AppError("not_found", `county ${countyCode} has no list version ${number}`);
    return cacheable(c, await publicList(c.env.DB, version)) as never;
  },
);
