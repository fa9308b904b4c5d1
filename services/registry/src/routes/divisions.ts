import { AppError, assertVersion, authorize, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import {
  Division,
  DivisionCode,
  DivisionLevel,
  DivisionPatch,
  NewDivision,
  PageQuery,
  divisionAncestors,
  divisionLevel,
  divisionPrefix,
  pageOf,
} from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { checkedBoundary } from "../domain/boundary";
import { nowIso } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { dbOf, runBatch } from "../store/db";
import { createDivision, divisionByCode, divisionsIn, subtree, updateDivision } from "../store/divisions";
import { flushAfter } from "../store/outbox";
import { jsonBody, jsonOf, refusals } from "./openapi";
import { orRefuse } from "./refused";

export const divisions = createRouter<AppEnv>();
const Code = z.object({ code: DivisionCode });

async function found(c: Context<AppEnv>, code: string): Promise<Division> {
  const division = await divisionByCode(dbOf(c.env.DB), code);
  if (!division) throw new AppError("not_found", `no division ${code}`);
  return division;
}

async function answer<S extends 200 | 201>(c: Context<AppEnv>, code: string, status: S) {
  const division = await found(c, code);
  c.header("etag", etagOf(division.version));
  return c.json(division, status);
}

divisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/divisions/{code}",
    summary: "A division",
    request: { params: Code },
    responses: { 200: jsonOf(Division, "the division"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    authorize(c, "division:read", { divisionCode: code });
    return answer(c, code, 200);
  },
);

divisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/divisions/{code}/ancestors",
    summary: "The divisions above one in your jurisdiction, nearest first",
    request: { params: Code },
    responses: { 200: jsonOf(z.object({ items: z.array(Division) }), "its township, county, city"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    authorize(c, "division:read", { divisionCode: code });
    const codes = divisionAncestors(code);
    const byCode = new Map((await divisionsIn(dbOf(c.env.DB), codes)).map((d) => [d.code, d]));
    return c.json({ items: codes.flatMap((a) => byCode.get(a) ?? []) }, 200);
  },
);

const SubtreeQuery = PageQuery.extend({
  level: DivisionLevel.optional(),
  childrenOnly: z.enum(["true", "false"]).optional(),
  boundaries: z.enum(["true", "false"]).optional(),
});

divisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/divisions/{code}/subtree",
    summary: "Every division under one (optionally one level, or children only), by code",
    request: { params: Code, query: SubtreeQuery },
    responses: { 200: jsonOf(pageOf(Division), "a page of divisions"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const { limit, cursor, level, childrenOnly, boundaries } = c.req.valid("query");
    authorize(c, "division:read", { divisionCode: code });
    const after = String(decodeCursor(cursor, 1)?.[0] ?? "");
    const rows = await subtree(dbOf(c.env.DB), {
      prefix: divisionPrefix(code),
      root: code,
      after,
      level,
      childrenOnly: childrenOnly === "true",
      boundaries: boundaries === "true",
      limit: limit + 1,
    });
    return c.json(
      toPage(rows, limit, (r) => [r.code]),
      200,
    );
  },
);

divisions.openapi(
  createRoute({
    method: "post",
    path: "/v1/divisions",
    summary: "Create a division under its parent, inside your jurisdiction",
    request: jsonBody(NewDivision),
    responses: { 201: jsonOf(Division, "the new division"), ...refusals },
  }),
  async (c) => {
    const body = c.req.valid("json");
    authorize(c, "division:write", { divisionCode: body.code });
    const level = divisionLevel(body.code);
    if (level === "province") throw AppError.field("body.code", "provinces are not kept here", "unprocessable");
    const parent = divisionAncestors(body.code)[0];
    if (parent !== body.parentCode) throw AppError.field("body.parentCode", `the parent of ${body.code} is ${parent}`);
    if (level !== "city") await assertNamed(c, [ref("body.parentCode", "division", body.parentCode, "division:read")]);
    if (body.urban !== undefined && level !== "village")
      throw AppError.field("body.urban", "only villages are urban or rural");
    const boundary = body.boundary ? orRefuse(checkedBoundary(body.boundary, "body.boundary")) : null;
    const db = dbOf(c.env.DB);
    if (await divisionByCode(db, body.code)) throw new AppError("conflict", `division ${body.code} exists`);
    const division = {
      code: body.code,
      name: body.name,
      level,
      parentCode: level === "city" ? null : body.parentCode,
      urban: body.urban ?? null,
      boundary: boundary as Division["boundary"],
      updatedAt: nowIso(),
    };
    await runBatch(db, createDivision(db, division));
    await flushAfter(db, c.env);
    c.header("location", `/v1/divisions/${body.code}`);
    return answer(c, body.code, 201);
  },
);

divisions.openapi(
  createRoute({
    method: "patch",
    path: "/v1/divisions/{code}",
    summary: "Rename a division, mark a village urban or rural, or file its boundary (If-Match required)",
    request: { params: Code, ...jsonBody(DivisionPatch) },
    responses: { 200: jsonOf(Division, "the division"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const patch = c.req.valid("json");
    authorize(c, "division:write", { divisionCode: code });
    const db = dbOf(c.env.DB);
    const before = await found(c, code);
    assertVersion(c, before.version);
    if (patch.urban !== undefined && before.level !== "village")
      throw AppError.field("body.urban", "only villages are urban or rural");
    const boundary =
      patch.boundary === undefined || patch.boundary === null
        ? patch.boundary
        : orRefuse(checkedBoundary(patch.boundary, "body.boundary"));
    await runBatch(
      db,
      updateDivision(db, before, {
        name: patch.name ?? before.name,
        urban: patch.urban === undefined ? before.urban : patch.urban,
        boundary: boundary === undefined ? before.boundary : (boundary as Division["boundary"]),
        updatedAt: nowIso(),
      }),
    );
    await flushAfter(db, c.env);
    return answer(c, code, 200);
  },
);
