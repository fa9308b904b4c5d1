import { createRoute, z } from "@hono/zod-openapi";
import {
  CountySettings,
  CountySettingsUpdate,
  PageQuery,
  pageOf,
  TrainingShortfall,
  Vacancy,
} from "@civicgrid/contracts";
import {
  AppError,
  assertVersion,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  listScope,
  toPage,
} from "@civicgrid/http";
import { today } from "../domain/dates";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { trainingShortfall, vacancies } from "../store/reports";
import { loadCountySettings, writeCountySettings } from "../store/settings";

/** County settings, and the vacancy and training reports they drive. */
export const reports = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const County = z.object({ countyCode: z.string().regex(/^\d{6}000000$/, "must be a county-level division code") });
const Scoped = PageQuery.extend({
  divisionCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
});

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/roster/settings/{countyCode}",
    summary: "A county's roster rules: whether a full-time worker is required, notice working days, trainings a year",
    request: { params: County },
    responses: { 200: { description: "settings", ...json(CountySettings) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    authorize(c, "worker:read", { divisionCode: countyCode });
    const s = await loadCountySettings(dbOf(c.env.DB), countyCode);
    c.header("etag", etagOf(s.version));
    return c.json(s, 200);
  },
);

reports.openapi(
  createRoute({
    method: "put",
    path: "/v1/roster/settings/{countyCode}",
    summary: "An agency of the county (or above) sets the county's roster rules (If-Match)",
    request: { params: County, body: json(CountySettingsUpdate) },
    responses: { 200: { description: "updated", ...json(CountySettings) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    authorize(c, "roster-settings:write", { divisionCode: countyCode });
    const db = dbOf(c.env.DB);
    const current = await loadCountySettings(db, countyCode);
    assertVersion(c, current.version);
    if (!(await writeCountySettings(db, { countyCode, ...c.req.valid("json") }, current.version))) {
      throw new AppError("precondition_failed", "the settings changed while updating; read them again");
    }
    const s = await loadCountySettings(db, countyCode);
    c.header("etag", etagOf(s.version));
    return c.json(s, 200);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/roster/vacancies",
    summary:
      "Grids in your division lacking a chief (网格长), or a full-time worker (专职) where the county requires one",
    request: { query: Scoped },
    responses: {
      200: { description: "grids lacking a chief or a required full-time worker", ...json(pageOf(Vacancy)) },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "assignment:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await vacancies(dbOf(c.env.DB), { scope, after, limit: q.limit });
    const page = toPage(rows, q.limit, (r) => [r.code]);
    const items = page.items.map((r) => ({
      gridCode: r.code,
      missing: [...(r.noChief ? ["chief" as const] : []), ...(r.noFullTime ? ["full_time" as const] : [])],
    }));
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/roster/training-shortfall",
    summary: "Serving workers in your division with fewer trainings in a year (default: this one) than required",
    request: { query: Scoped.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: {
      200: {
        description: "serving workers below the county's yearly minimum of trainings",
        ...json(pageOf(TrainingShortfall)),
      },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "worker:read", q.divisionCode);
    const year = String(q.year ?? Number(today().slice(0, 4)));
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await trainingShortfall(dbOf(c.env.DB), { scope, year, after, limit: q.limit });
    return c.json(
      toPage(rows, q.limit, (r) => [r.workerId]),
      200,
    );
  },
);
