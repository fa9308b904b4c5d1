import { createRoute, z } from "@hono/zod-openapi";
import { CountySettings, CountySettingsUpdate, PageQuery, pageOf, TrainingShortfall, Vacancy } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { authorize, listScope } from "../access";
import { today } from "../domain/dates";
import { countySettings } from "../domain/settings";
import type { AppEnv } from "../env";

/** County settings, and the vacancy and training reports they drive. */
export const reports = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const County = z.object({ countyCode: z.string().regex(/^\d{6}000000$/, "must be a county-level division code") });
const Scoped = PageQuery.extend({ divisionCode: z.string().regex(/^\d{12}$/).optional() });

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
    const s = await countySettings(c.env.DB, countyCode);
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
    const current = await countySettings(c.env.DB, countyCode);
    assertVersion(c, current.version);
    const b = c.req.valid("json");
    const res = await c.env.DB.prepare(
      `INSERT INTO county_settings (county_code, full_time_required, notice_working_days, min_trainings_per_year, version) VALUES (?1, ?2, ?3, ?4, 1)
       ON CONFLICT (county_code) DO UPDATE SET full_time_required = ?2, notice_working_days = ?3, min_trainings_per_year = ?4, version = version + 1
       WHERE county_settings.version = ?5`,
    ).bind(countyCode, b.fullTimeRequired ? 1 : 0, b.noticeWorkingDays, b.minTrainingsPerYear, current.version).run();
    if (!res.meta.changes) throw new AppError("precondition_failed", "the settings changed while updating; read them again");
    const s = await countySettings(c.env.DB, countyCode);
    c.header("etag", etagOf(s.version));
    return c.json(s, 200);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/roster/vacancies",
    summary: "Grids in your division lacking a chief (网格长), or a full-time worker (专职) where the county requires one",
    request: { query: Scoped },
    responses: { 200: { description: "grids lacking a chief or a required full-time worker", ...json(pageOf(Vacancy)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { prefix } = await listScope(c, "assignment:read", q.divisionCode);
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare(
      `SELECT g.code,
         NOT EXISTS (SELECT 1 FROM assignments a WHERE a.grid_code = g.code AND a.role = 'chief' AND a.status = 'active') AS no_chief,
         coalesce(s.full_time_required, 0) = 1 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.grid_code = g.code AND a.role = 'full_time' AND a.status = 'active') AS no_full_time
       FROM known_grids g LEFT JOIN county_settings s ON s.county_code = g.county_code
       WHERE g.status = 'active' AND g.code LIKE ?1 AND g.code > ?2 AND (no_chief OR no_full_time)
       ORDER BY g.code LIMIT ?3`,
    ).bind(`${prefix}%`, after?.[0] ?? "", q.limit + 1).all<{ code: string; no_chief: number; no_full_time: number }>();
    const page = toPage(results, q.limit, (r) => [r.code]);
    const items = page.items.map((r) => ({ gridCode: r.code, missing: [...(r.no_chief ? ["chief" as const] : []), ...(r.no_full_time ? ["full_time" as const] : [])] }));
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/roster/training-shortfall",
    summary: "Serving workers in your division with fewer trainings in a year (default: this one) than required",
    request: { query: Scoped.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: { 200: { description: "serving workers below the county's yearly minimum of trainings", ...json(pageOf(TrainingShortfall)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { prefix } = await listScope(c, "worker:read", q.divisionCode);
    const year = String(q.year ?? Number(today().slice(0, 4)));
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare(
      `SELECT w.id AS workerId, w.name, w.division_code AS divisionCode,
         (SELECT count(*) FROM trainings t WHERE t.worker_id = w.id AND substr(t.date, 1, 4) = ?2) AS trainings,
         coalesce(s.min_trainings_per_year, 2) AS required
       FROM workers w LEFT JOIN county_settings s ON s.county_code = substr(w.division_code, 1, 6) || '000000'
       WHERE w.division_code LIKE ?1 AND w.status = 'active' AND w.id > ?3
         AND EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = w.id AND a.status = 'active')
         AND trainings < required
       ORDER BY w.id LIMIT ?4`,
    ).bind(`${prefix}%`, year, after?.[0] ?? "", q.limit + 1).all<z.infer<typeof TrainingShortfall>>();
    return c.json(toPage(results, q.limit, (r) => [r.workerId]), 200);
  },
);
