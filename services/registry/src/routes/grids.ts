import {
  AppError,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  listScope,
  notModified,
  toPage,
} from "@civicgrid/http";
import {
  DateOnly,
  DivisionCode,
  Grid,
  GridCode,
  GridHistory,
  PageQuery,
  divisionPrefix,
  pageOf,
} from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { gridOfRecord, inForce, statusOf } from "../domain/grid";
import { shanghaiToday } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { dbOf } from "../store/db";
import { draftGrid, gridsInForce, historyOf, recordOf, versionsOf, type GridVersion } from "../store/grids";
import { jsonOf, refusals } from "./openapi";

export const grids = createRouter<AppEnv>();

const gridOfRow = (row: GridVersion, status: Grid["status"]) =>
  gridOfRecord(recordOf(row), {
    status,
    version: row.seq,
    validFrom: row.validFrom,
    validTo: row.validTo,
    layoutId: row.layoutId,
    areaM2: row.areaM2,
  });

grids.openapi(
  createRoute({
    method: "get",
    path: "/v1/grids",
    summary: "Grids in force on a date (default today) within your jurisdiction",
    request: { query: PageQuery.extend({ divisionCode: DivisionCode.optional(), onDate: DateOnly.optional() }) },
    responses: { 200: jsonOf(pageOf(Grid), "a page of grids, by code"), ...refusals },
  }),
  async (c) => {
    // Grids and layouts lie in grids: a grid worker's reach is their own grids.
    const { scope } = await listScope(c, "grid:read", undefined, { byGrid: true });
    const { limit, cursor, divisionCode, onDate } = c.req.valid("query");
    await assertNamed(c, [ref("query.divisionCode", "division", divisionCode, "grid:read")]);
    const prefixes = ["prefix" in scope ? scope.prefix : "", divisionCode ? divisionPrefix(divisionCode) : ""].filter(
      Boolean,
    );
    const rows = await gridsInForce(dbOf(c.env.DB), {
      date: onDate ?? shanghaiToday(),
      after: String(decodeCursor(cursor, 1)?.[0] ?? ""),
      limit: limit + 1,
      prefixes,
      only: "grids" in scope ? scope.grids : null,
    });
    const page = toPage(rows, limit, (r) => [r.code]);
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
    const db = dbOf(c.env.DB);
    const today = shanghaiToday();
    const versions = await versionsOf(db, code);
    let grid: Grid;
    if (onDate) {
      const row = versions.find((v) => inForce(v, onDate));
      if (!row) throw new AppError("not_found", `grid ${code} was not in force on ${onDate}`);
      grid = gridOfRow(row, statusOf(versions, today));
    } else if (versions.length > 0) {
      const row = versions.find((v) => inForce(v, today)) ?? (versions.at(-1) as GridVersion);
      grid = gridOfRow(row, statusOf(versions, today));
    } else {
      const draft = await draftGrid(db, code);
      if (!draft?.grid) throw new AppError("not_found", `no grid ${code}`);
      grid = gridOfRecord(draft.grid, {
        status: "draft",
        version: 0,
        validFrom: null,
        validTo: null,
        layoutId: draft.layoutId,
      });
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
    const db = dbOf(c.env.DB);
    const [versions, events] = await Promise.all([versionsOf(db, code), historyOf(db, code)]);
    if (versions.length === 0) throw new AppError("not_found", `grid ${code} has no filed history`);
    const status = statusOf(versions, shanghaiToday());
    return c.json({ code, events, versions: versions.map((v) => gridOfRow(v, status)) }, 200);
  },
);
