import {
  DateOnly,
  DivisionCode,
  MatterCategoryNode,
  MatterCode,
  MatterList,
  PublicMatter,
  scrubPublicText,
} from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { admittedMatters } from "../rpc";
import { shanghaiToday } from "../domain/time";
import { dbOf, type Db } from "../store/db";
import { publicCategoryTree } from "../store/matter-catalogue";
import { unlistedCodes } from "../store/matter-definitions";
import { listOf, listVersion, listVersionOn, listVersions, versionOf, type ListVersionRow } from "../store/matters";
import { cacheableJson } from "./cacheable";
import { jsonOf, refusals } from "./openapi";

/** The matters catalogue and every version of each county's lists are public (向社会公布). */
export const publicMatters = createRouter<AppEnv>();
const County = z.object({ countyCode: DivisionCode });

/** Lists change by filed versions, rarely: a minute of caching is harmless. */
const cacheable = (c: Parameters<typeof cacheableJson>[0], value: unknown) =>
  cacheableJson(c, value, "public, max-age=60");

/** A list version as the public sees it: without demo and test configuration, free text scrubbed. */
async function publicList(db: Db, version: ListVersionRow): Promise<MatterList> {
  const [list, unlisted] = await Promise.all([listOf(db, version), unlistedCodes(db)]);
  return {
    ...list,
    admission: list.admission
      .filter((i) => !unlisted.has(i.matterCode))
      .map((i) => ({ ...i, name: scrubPublicText(i.name) })),
    forbidden: list.forbidden
      .filter((i) => !unlisted.has(i.matterCode))
      .map((i) => ({ ...i, name: scrubPublicText(i.name), rule: scrubPublicText(i.rule) })),
  };
}

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/categories",
    summary: "The city's matter category catalogue (分类目录), as a tree",
    security: [],
    responses: { 200: jsonOf(z.object({ items: z.array(MatterCategoryNode) }), "the tree"), ...refusals },
  }),
  async (c) => cacheable(c, { items: await publicCategoryTree(dbOf(c.env.DB)) }) as never,
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
    const db = dbOf(c.env.DB);
    const version = await listVersionOn(db, countyCode, date);
    if (!version) throw new AppError("not_found", `county ${countyCode} has no lists in force on ${date}`);
    return cacheable(c, await publicList(db, version)) as never;
  },
);

publicMatters.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/matters/lists/{countyCode}/matters/{matterCode}",
    summary:
      "A matter residents may report in a county today, with its description, keywords, group and the questions a report asks",
    security: [],
    request: { params: County.extend({ matterCode: MatterCode }) },
    responses: { 200: jsonOf(PublicMatter, "the matter"), 304: { description: "not modified" }, ...refusals },
  }),
  async (c) => {
    const { countyCode, matterCode } = c.req.valid("param");
    const matter = (await admittedMatters(dbOf(c.env.DB), countyCode)).find((m) => m.matterCode === matterCode);
    if (!matter)
      throw new AppError("not_found", `county ${countyCode} lists no matter ${matterCode} for residents today`);
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
    responses: {
      200: jsonOf(z.object({ items: z.array(MatterList.omit({ admission: true, forbidden: true })) }), "the versions"),
      ...refusals,
    },
  }),
  async (c) => {
    const versions = await listVersions(dbOf(c.env.DB), c.req.valid("param").countyCode);
    return cacheable(c, { items: versions.map(versionOf) }) as never;
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
    const db = dbOf(c.env.DB);
    const version = await listVersion(db, countyCode, number);
    if (!version) throw new AppError("not_found", `county ${countyCode} has no list version ${number}`);
    return cacheable(c, await publicList(db, version)) as never;
  },
);
