import { Division, DivisionCode, DivisionLevel, DivisionPatch, NewDivision, PageQuery, divisionAncestors, divisionLevel, divisionPrefix, pageOf } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize } from "../access";
import { checkedBoundary } from "../domain/boundary";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { divisionOf, divisionRow, type DivisionRow } from "../store/divisions";
import { runBatch, versionGuard } from "../store/guard";
import { flushOutbox, outboxStatement, registryEvent } from "../store/outbox";
import { nowIso } from "../time";
import { jsonBody, jsonOf, refusals } from "./openapi";

export const divisions = createRouter<AppEnv>();
const Code = z.object({ code: DivisionCode });

async function answer<S extends 200 | 201>(c: Context<AppEnv>, code: string, status: S) {
  const division = divisionOf(await divisionRow(c.env.DB, code));
  c.header("etag", etagOf(division.version));
  return c.json(division, status);
}

const changedEvent = (db: D1Database, code: string, version: number, action: "created" | "updated") =>
  outboxStatement(db, registryEvent("registry.division.changed", code, version, { divisionCode: code, action }));

divisions.openapi(
  createRoute({ method: "get", path: "/v1/divisions/{code}", summary: "A division", request: { params: Code }, responses: { 200: jsonOf(Division, "the division"), ...refusals } }),
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
    const { results } = await c.env.DB.prepare("SELECT * FROM divisions WHERE code IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(codes)).all<DivisionRow>();
    const byCode = new Map(results.map((r) => [r.code, r]));
    return c.json({ items: codes.flatMap((a) => (byCode.has(a) ? [divisionOf(byCode.get(a) as DivisionRow, false)] : [])) }, 200);
  },
);

divisions.openapi(
  createRoute({
    method: "get",
    path: "/v1/divisions/{code}/subtree",
    summary: "Every division under one (optionally one level, or children only), by code",
    request: { params: Code, query: PageQuery.extend({ level: DivisionLevel.optional(), childrenOnly: z.enum(["true", "false"]).optional(), boundaries: z.enum(["true", "false"]).optional() }) },
    responses: { 200: jsonOf(pageOf(Division), "a page of divisions"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const { limit, cursor, level, childrenOnly, boundaries } = c.req.valid("query");
    authorize(c, "division:read", { divisionCode: code });
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare(
      `SELECT * FROM divisions WHERE code LIKE ?1 AND code <> ?2 AND code > ?3 AND (?4 IS NULL OR level = ?4) AND (?5 = 0 OR parent_code = ?2)
       ORDER BY code LIMIT ?6`,
    )
      .bind(`${divisionPrefix(code)}%`, code, after?.[0] ?? "", level ?? null, childrenOnly === "true" ? 1 : 0, limit + 1)
      .all<DivisionRow>();
    const page = toPage(results, limit, (r) => [r.code]);
    return c.json({ ...page, items: page.items.map((r) => divisionOf(r, boundaries === "true")) }, 200);
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
    if (divisionAncestors(body.code)[0] !== body.parentCode) throw AppError.field("body.parentCode", `the parent of ${body.code} is ${divisionAncestors(body.code)[0]}`);
    if (level !== "city") await assertNamed(c, [ref("body.parentCode", "division", body.parentCode, "division:read")]);
    if (body.urban !== undefined && level !== "village") throw AppError.field("body.urban", "only villages are urban or rural");
    const boundary = body.boundary ? JSON.stringify(checkedBoundary(body.boundary, "body.boundary")) : null;
    const exists = await c.env.DB.prepare("SELECT 1 AS x FROM divisions WHERE code = ?1").bind(body.code).first();
    if (exists) throw new AppError("conflict", `division ${body.code} exists`);
    const db = c.env.DB;
    await runBatch(db, [
      db.prepare("INSERT INTO divisions (code, name, level, parent_code, urban, boundary, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(body.code, body.name, level, level === "city" ? null : body.parentCode, body.urban === undefined ? null : Number(body.urban), boundary, nowIso()),
      changedEvent(db, body.code, 1, "created"),
    ]);
    await flushOutbox(db, c.env);
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
    const db = c.env.DB;
    const row = await divisionRow(db, code);
    assertVersion(c, row.version);
    if (patch.urban !== undefined && row.level !== "village") throw AppError.field("body.urban", "only villages are urban or rural");
    const boundary = patch.boundary === undefined ? row.boundary : patch.boundary === null ? null : JSON.stringify(checkedBoundary(patch.boundary, "body.boundary"));
    await runBatch(db, [
      versionGuard(db, "divisions", code, row.version),
      db.prepare("UPDATE divisions SET name = ?2, urban = ?3, boundary = ?4, version = version + 1, updated_at = ?5 WHERE code = ?1")
        .bind(code, patch.name ?? row.name, patch.urban === undefined ? row.urban : Number(patch.urban), boundary, nowIso()),
      changedEvent(db, code, row.version + 1, "updated"),
    ]);
    await flushOutbox(db, c.env);
    return answer(c, code, 200);
  },
);
