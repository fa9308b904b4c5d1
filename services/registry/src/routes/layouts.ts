import { AppError, authorize, createRouter, decodeCursor, etagOf, listScope, toPage } from "@civicgrid/http";
import { DivisionCode, Grid, Layout, NewLayout, PageQuery, divisionLevel, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { gridOfRecord } from "../domain/grid";
import { issuerOf } from "../domain/layout-lifecycle";
import { nowIso } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { dbOf } from "../store/db";
import { layoutOf, layoutsPage, openLayout, openLayoutOf } from "../store/layouts";
import { answerLayout, foundLayout } from "./layout-commands";
import { jsonBody, jsonOf, LayoutId, refusals } from "./openapi";

export const layouts = createRouter<AppEnv>();

layouts.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts",
    summary: "Open a draft layout version for a county (one open draft per county)",
    request: jsonBody(NewLayout),
    responses: { 201: jsonOf(Layout, "the new draft"), ...refusals },
  }),
  async (c) => {
    const { countyCode, note } = c.req.valid("json");
    const issuer = issuerOf("open", countyCode);
    await assertNamed(c, [ref("body.countyCode", "division", countyCode, issuer.action)]);
    const { principal } = authorize(c, issuer.action, { divisionCode: issuer.divisionCode });
    if (divisionLevel(countyCode) !== "county")
      throw AppError.field("body.countyCode", `${countyCode} is not a county`, "unprocessable");
    const db = dbOf(c.env.DB);
    const open = await openLayoutOf(db, countyCode);
    if (open)
      throw new AppError("conflict", `county ${countyCode} already has an open layout ${open.id}`, {
        extra: { layoutId: open.id },
      });
    let id: string;
    try {
      id = await openLayout(db, { countyCode, note: note ?? null, createdBy: principal.sub, now: nowIso() });
    } catch (error) {
      if (/UNIQUE/i.test(`${String(error)} ${String((error as { cause?: unknown }).cause)}`)) {
        throw new AppError("conflict", `county ${countyCode} opened a layout at the same moment; read its layouts`);
      }
      throw error;
    }
    const layout = await answerLayout(c, id);
    c.header("location", `/v1/layouts/${id}`);
    return c.json(layout, 201);
  },
);

layouts.openapi(
  createRoute({
    method: "get",
    path: "/v1/layouts",
    summary: "Layout versions of the counties in your jurisdiction",
    request: {
      query: PageQuery.extend({ countyCode: DivisionCode.optional(), status: Layout.shape.status.optional() }),
    },
    responses: { 200: jsonOf(pageOf(Layout.omit({ changes: true })), "a page of layouts"), ...refusals },
  }),
  async (c) => {
    // Grids and layouts lie in grids: a grid worker's reach is their own grids.
    const { scope } = await listScope(c, "grid:read", undefined, { byGrid: true });
    const { limit, cursor, countyCode, status } = c.req.valid("query");
    if ("grids" in scope) throw new AppError("forbidden", "layouts are read by agencies, departments and hr");
    await assertNamed(c, [ref("query.countyCode", "division", countyCode, "grid:read")]);
    const after = String(decodeCursor(cursor, 1)?.[0] ?? "");
    const prefix = "prefix" in scope ? scope.prefix : "";
    const rows = await layoutsPage(dbOf(c.env.DB), { after, limit: limit + 1, prefix, countyCode, status });
    const page = toPage(rows, limit, (r) => [r.id]);
    const items = page.items.map((row) => {
      const { changes: _, ...rest } = layoutOf({ row, ops: new Map() });
      return rest;
    });
    return c.json({ ...page, items }, 200);
  },
);

layouts.openapi(
  createRoute({
    method: "get",
    path: "/v1/layouts/{id}",
    summary: "A layout version with the grid changes it files",
    request: { params: LayoutId },
    responses: { 200: jsonOf(Layout, "the layout"), ...refusals },
  }),
  async (c) => {
    const loaded = await foundLayout(dbOf(c.env.DB), c.req.valid("param").id);
    authorize(c, "grid:read", { divisionCode: loaded.row.countyCode });
    c.header("etag", etagOf(loaded.row.version));
    return c.json(layoutOf(loaded), 200);
  },
);

layouts.openapi(
  createRoute({
    method: "get",
    path: "/v1/layouts/{id}/grids/{code}",
    summary: "The record a layout proposes for one grid (null boundary facts when it retires the grid)",
    request: { params: LayoutId.extend({ code: z.string() }) },
    responses: { 200: jsonOf(Grid, "the proposed grid"), ...refusals },
  }),
  async (c) => {
    const { id, code } = c.req.valid("param");
    const { row, ops } = await foundLayout(dbOf(c.env.DB), id);
    authorize(c, "grid:read", { divisionCode: row.countyCode });
    const op = ops.get(code);
    if (!op?.grid) throw new AppError("not_found", `layout ${id} proposes no record for grid ${code}`);
    const status = row.status === "accepted" ? "active" : "draft";
    return c.json(
      gridOfRecord(op.grid, { status, version: 0, validFrom: row.effectiveDate, validTo: null, layoutId: id }),
      200,
    );
  },
);
