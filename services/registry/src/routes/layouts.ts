import { DivisionCode, Grid, Layout, NewLayout, PageQuery, divisionLevel, pageOf } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import { authorize, authorizeEver, listScope } from "../access";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { gridOfRecord } from "../store/grid-rows";
import { layoutOf, loadLayout, type LayoutRow } from "../store/layouts";
import { nowIso } from "../time";
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
    await assertNamed(c, [ref("body.countyCode", "division", countyCode, "grid:write")]);
    const principal = authorize(c, "grid:write", { divisionCode: countyCode });
    if (divisionLevel(countyCode) !== "county") throw AppError.field("body.countyCode", `${countyCode} is not a county`, "unprocessable");
    const open = await c.env.DB.prepare("SELECT id FROM layouts WHERE county_code = ?1 AND status IN ('draft', 'submitted', 'returned')").bind(countyCode).first<{ id: string }>();
    if (open) throw new AppError("conflict", `county ${countyCode} already has an open layout ${open.id}`, { extra: { layoutId: open.id } });
    const last = await c.env.DB.prepare("SELECT coalesce(max(number), 0) AS n FROM layouts WHERE county_code = ?1").bind(countyCode).first<{ n: number }>();
    const number = (last?.n ?? 0) + 1;
    const id = `${countyCode.slice(0, 6)}-${number}`;
    try {
      await c.env.DB.prepare("INSERT INTO layouts (id, county_code, number, status, note, created_by, created_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6)")
        .bind(id, countyCode, number, note ?? null, principal.sub, nowIso())
        .run();
    } catch (error) {
      if (/UNIQUE/i.test(String(error))) throw new AppError("conflict", `county ${countyCode} opened a layout at the same moment; read its layouts`);
      throw error;
    }
    const layout = layoutOf(await loadLayout(c.env.DB, id));
    c.header("etag", etagOf(layout.version));
    c.header("location", `/v1/layouts/${id}`);
    return c.json(layout, 201);
  },
);

layouts.openapi(
  createRoute({
    method: "get",
    path: "/v1/layouts",
    summary: "Layout versions of the counties in your jurisdiction",
    request: { query: PageQuery.extend({ countyCode: DivisionCode.optional(), status: Layout.shape.status.optional() }) },
    responses: { 200: jsonOf(pageOf(Layout.omit({ changes: true })), "a page of layouts"), ...refusals },
  }),
  async (c) => {
    const principal = authorizeEver(c, "grid:read");
    const { limit, cursor, countyCode, status } = c.req.valid("query");
    const scope = listScope(principal);
    if ("grids" in scope) throw new AppError("forbidden", "layouts are read by agencies, departments and hr");
    await assertNamed(c, [ref("query.countyCode", "division", countyCode, "grid:read")]);
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare(
      `SELECT * FROM layouts WHERE id > ?1 AND county_code LIKE ?2 AND (?3 IS NULL OR county_code = ?3) AND (?4 IS NULL OR status = ?4)
       ORDER BY id LIMIT ?5`,
    )
      .bind(after?.[0] ?? "", "prefix" in scope ? `${scope.prefix}%` : "%", countyCode ?? null, status ?? null, limit + 1)
      .all<LayoutRow>();
    const page = toPage(results, limit, (r) => [r.id]);
    return c.json({ ...page, items: page.items.map((row) => { const { changes: _, ...rest } = layoutOf({ row, ops: new Map() }); return rest; }) }, 200);
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
    const loaded = await loadLayout(c.env.DB, c.req.valid("param").id);
    authorize(c, "grid:read", { divisionCode: loaded.row.county_code });
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
    const loaded = await loadLayout(c.env.DB, id);
    authorize(c, "grid:read", { divisionCode: loaded.row.county_code });
    const op = loaded.ops.get(code);
    if (!op?.grid) throw new AppError("not_found", `layout ${id} proposes no record for grid ${code}`);
    return c.json(gridOfRecord(op.grid, { status: loaded.row.status === "accepted" ? "active" : "draft", version: 0, validFrom: loaded.row.effective_date, validTo: null, layoutId: id }), 200);
  },
);
