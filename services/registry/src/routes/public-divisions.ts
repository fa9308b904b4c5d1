import { DivisionCode, PageQuery, PublicDivision, pageOf } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { childrenOf, divisionsIn } from "../store/divisions";
import { cacheableJson } from "./cacheable";
import { jsonOf, refusals } from "./openapi";

export const publicDivisions = createRouter<AppEnv>();

/** Divisions change a few times a year; a picker may keep them for minutes. */
export const DIVISIONS_CACHE = "public, max-age=300, stale-while-revalidate=600";

publicDivisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/divisions",
    summary:
      "The divisions directly under one (the cities when no parent is named): code, name, level and parent only, " +
      "so that anyone can pick their county, township and village",
    security: [],
    request: { query: PageQuery.extend({ parentCode: DivisionCode.optional() }) },
    responses: {
      200: jsonOf(pageOf(PublicDivision), "a page of divisions, by code"),
      304: { description: "not modified" },
      ...refusals,
    },
  }),
  async (c) => {
    const { parentCode, limit, cursor } = c.req.valid("query");
    const db = dbOf(c.env.DB);
    if (parentCode && (await divisionsIn(db, [parentCode])).length === 0)
      throw AppError.field("query.parentCode", `no division ${parentCode}`, "not_found");
    const after = String(decodeCursor(cursor, 1)?.[0] ?? "");
    const rows = await childrenOf(db, parentCode ?? null, after, limit + 1);
    const page = toPage(rows, limit, (r) => [r.code]);
    return cacheableJson(c, page, DIVISIONS_CACHE) as never;
  },
);

publicDivisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/public/divisions/{code}",
    summary: "A division's public facts (code, name, level, parent): how a screen names the unit an agency acts for",
    security: [],
    request: { params: z.object({ code: DivisionCode }) },
    responses: {
      200: jsonOf(PublicDivision, "the division"),
      304: { description: "not modified" },
      ...refusals,
    },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const [division] = await divisionsIn(dbOf(c.env.DB), [code]);
    if (!division) throw new AppError("not_found", `no division ${code}`);
    const { code: at, name, level, parentCode } = division;
    return cacheableJson(c, { code: at, name, level, parentCode }, DIVISIONS_CACHE) as never;
  },
);
