import { DateOnly, DivisionCode, Grid, GridCode, GridHistory, PageQuery, divisionPrefix, pageOf } from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, etagOf, notModified, toPage } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import { authorize, authorizeEver, listScope } from "../access";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { gridOfRecord, recordOfRow, statusOf, VERSION_SELECT, type GridVersionRow } from "../store/grid-rows";
import { versionsOf } from "../store/grids";
import { shanghaiToday } from "../time";
import { jsonOf, refusals } from "./openapi";

export const grids = createRouter<AppEnv>();

const inForce = (row: GridVersionRow, date: string) => row.valid_from <= date && (row.valid_to === null || row.valid_to > date);
const gridOfRow = (row: GridVersionRow, status: Grid["status"]) =>
  gridOfRecord(recordOfRow(row), { status, version: row.seq, validFrom: row.valid_from, validTo: row.valid_to, layoutId: row.layout_id, areaM2: row.area_m2 });

grids.openapi(
  createRoute({
    method: "get",
    path: "/v1/grids",
    summary: "Grids in force on a date (default today) within your jurisdiction",
    request: { query: PageQuery.extend({ divisionCode: DivisionCode.optional(), onDate: DateOnly.optional() }) },
    responses: { 200: jsonOf(pageOf(Grid), "a page of grids, by code"), ...refusals },
  }),
  async (c) => {
    const principal = authorizeEver(c, "grid:read");
    const { limit, cursor, divisionCode, onDate } = c.req.valid("query");
    await assertNamed(c, [ref("query.divisionCode", "division", divisionCode, "grid:read")]);
    const date = onDate ?? shanghaiToday();
    const scope = listScope(principal);
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare(
      `${VERSION_SELECT} WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1) AND code > ?2 AND code LIKE ?3 AND code LIKE ?4
       AND (?5 IS NULL OR code IN (SELECT value FROM json_each(?5))) ORDER BY code LIMIT ?6`,
    )
      .bind(date, after?.[0] ?? "", `${"prefix" in scope ? scope.prefix : ""}%`, `${divisionCode ? divisionPrefix(divisionCode) : ""}%`, "grids" in scope ? JSON.stringify(scope.grids) : null, limit + 1)
      .all<GridVersionRow>();
    const page = toPage(results, limit, (r) => [r.code]);
    return c.json({ ...page, items: page.items.map((r) => gridOfRow(r, "active")) }, 200);
  },
);

grids.openapi(
  createRoute({
    method: "get",
    path: "/v1/grids/{code}",
    summary: "A grid as in force today, or on onDate; a grid only in a draft layout answers with status draft",
    request: { params: z.object({ code: GridCode }), query: z.object({ onDate: DateOnly.optional() }) },
    responses: { 200: jsonOf(Grid, "the grid"), 304: { description: "not modified" }, ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    const { onDate } = c.req.valid("query");
    authorize(c, "grid:read", { divisionCode: code.slice(0, 12), gridCode: code });
    const today = shanghaiToday();
    const versions = await versionsOf(c.env.DB, code);
    let grid: Grid | undefined;
    if (onDate) {
      const row = versions.find((v) => inForce(v, onDate));
      if (!row) throw new AppError("not_found", `grid ${code} was not in force on ${onDate}`);
      grid = gridOfRow(row, statusOf(versions, today));
    } else if (versions.length > 0) {
      const row = versions.find((v) => inForce(v, today)) ?? (versions.at(-1) as GridVersionRow);
      grid = gridOfRow(row, statusOf(versions, today));
    } else {
      const draft = await c.env.DB.prepare(
        "SELECT o.grid, o.layout_id FROM layout_ops o JOIN layouts l ON l.id = o.layout_id WHERE o.grid_code = ?1 AND o.grid IS NOT NULL AND l.status <> 'accepted'",
      )
        .bind(code)
        .first<{ grid: string; layout_id: string }>();
      if (!draft) throw new AppError("not_found", `no grid ${code}`);
      grid = gridOfRecord(JSON.parse(draft.grid), { status: "draft", version: 0, validFrom: null, validTo: null, layoutId: draft.layout_id });
    }
    if (notModified(c, etagOf(grid.version))) return c.body(null, 304);
    return c.json(grid, 200);
  },
);

grids.openapi(
  createRoute({
    method: "get",
    path: "/v1/grids/{code}/history",
    summary: "Everything that happened to a grid: created, split, merged, redrawn, retired, with every filed version",
    request: { params: z.object({ code: GridCode }) },
    responses: { 200: jsonOf(GridHistory, "the grid's history"), ...refusals },
  }),
  async (c) => {
    const { code } = c.req.valid("param");
    authorize(c, "grid:read", { divisionCode: code.slice(0, 12), gridCode: code });
    const [versions, events] = await Promise.all([
      versionsOf(c.env.DB, code),
      c.env.DB.prepare("SELECT kind, effective_date, layout_id, related, version_seq FROM grid_history WHERE grid_code = ?1 ORDER BY effective_date, layout_id")
        .bind(code)
        .all<{ kind: z.infer<typeof GridHistory>["events"][number]["kind"]; effective_date: string; layout_id: string; related: string; version_seq: number | null }>(),
    ]);
    if (versions.length === 0) throw new AppError("not_found", `grid ${code} has no filed history`);
    const status = statusOf(versions, shanghaiToday());
    return c.json(
      {
        code,
        events: events.results.map((e) => ({ kind: e.kind, effectiveDate: e.effective_date, layoutId: e.layout_id, related: JSON.parse(e.related) as string[], version: e.version_seq })),
        versions: versions.map((v) => gridOfRow(v, status)),
      },
      200,
    );
  },
);
