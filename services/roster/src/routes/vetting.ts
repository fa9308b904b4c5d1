import { createRoute, z } from "@hono/zod-openapi";
import { NewScreening, NewTraining, Screening, Training } from "@civicgrid/contracts";
import { createRouter, principalOf } from "@civicgrid/http";
import { authorize } from "../access";
import { loadWorker, workerScope } from "../domain/rows";
import type { AppEnv } from "../env";
import { assertRosterReferences, ref } from "../references";

/** Screening against the Gansu disqualifiers, and training records, per worker. */
export const vetting = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(80) });

interface ScreeningRow {
  id: string; worker_id: string; criminal_punishment: number; pending_criminal_case: number; detention: number;
  expelled_from_public_office: number; dishonesty_blacklist: number; other_legal_bar: number; passed: number;
  notes: string | null; screened_by: string; screened_at: string;
}
const toScreening = (r: ScreeningRow): z.infer<typeof Screening> => ({
  id: r.id, workerId: r.worker_id, criminalPunishment: !!r.criminal_punishment, pendingCriminalCase: !!r.pending_criminal_case,
  detention: !!r.detention, expelledFromPublicOffice: !!r.expelled_from_public_office, dishonestyBlacklist: !!r.dishonesty_blacklist,
  otherLegalBar: !!r.other_legal_bar, passed: !!r.passed, ...(r.notes ? { notes: r.notes } : {}), screenedBy: r.screened_by, screenedAt: r.screened_at,
});

vetting.openapi(
  createRoute({
    method: "post",
    path: "/v1/workers/{id}/screenings",
    summary: "An agency or HR screens a worker against the disqualifiers (Gansu 一(三)); any one found bars appointment",
    request: { params: IdParam, body: json(NewScreening) },
    responses: { 201: { description: "recorded", ...json(Screening) } },
  }),
  async (c) => {
    const worker = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "screening:write", workerScope(worker));
    const s = c.req.valid("json");
    const flags = [s.criminalPunishment, s.pendingCriminalCase, s.detention, s.expelledFromPublicOffice, s.dishonestyBlacklist, s.otherLegalBar];
    const row = await c.env.DB.prepare(
      `INSERT INTO screenings (id, worker_id, criminal_punishment, pending_criminal_case, detention, expelled_from_public_office, dishonesty_blacklist,
         other_legal_bar, passed, notes, screened_by, screened_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING *`,
    ).bind(`screening-${crypto.randomUUID()}`, worker.id, ...flags.map(Number), flags.some(Boolean) ? 0 : 1, s.notes ?? null, principalOf(c).sub, new Date().toISOString())
      .first<ScreeningRow>();
    return c.json(toScreening(row!), 201);
  },
);

vetting.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}/screenings",
    summary: "A worker's screenings against the disqualifiers, newest first",
    request: { params: IdParam },
    responses: { 200: { description: "screenings, newest first", ...json(z.object({ items: z.array(Screening) })) } },
  }),
  async (c) => {
    const worker = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(worker));
    const { results } = await c.env.DB.prepare("SELECT * FROM screenings WHERE worker_id = ?1 ORDER BY screened_at DESC").bind(worker.id).all<ScreeningRow>();
    return c.json({ items: results.map(toScreening) }, 200);
  },
);

vetting.openapi(
  createRoute({
    method: "post",
    path: "/v1/workers/{id}/trainings",
    summary: "An agency, HR or department records a training a worker took (onboarding, periodic or a department's)",
    request: { params: IdParam, body: json(NewTraining) },
    responses: { 201: { description: "recorded", ...json(Training) } },
  }),
  async (c) => {
    const worker = await loadWorker(c.env.DB, c.req.valid("param").id);
    const t = c.req.valid("json");
    // Agencies, HR and departments record trainings of workers within their division; the department that led
    // one is a second resource: a department names only itself, an agency a department within its reach.
    authorize(c, "training:write", { divisionCode: worker.division_code });
    await assertRosterReferences(c, [ref("body.departmentId", "department", t.departmentId, "training:write")]);
    const id = `training-${crypto.randomUUID()}`;
    await c.env.DB.prepare("INSERT INTO trainings (id, worker_id, kind, title, date, hours, department_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(id, worker.id, t.kind, t.title, t.date, t.hours, t.departmentId ?? null).run();
    return c.json({ id, workerId: worker.id, ...t }, 201);
  },
);

vetting.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}/trainings",
    summary: "A worker's trainings, newest first",
    request: { params: IdParam },
    responses: { 200: { description: "trainings, newest first", ...json(z.object({ items: z.array(Training) })) } },
  }),
  async (c) => {
    const worker = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(worker));
    const { results } = await c.env.DB.prepare(
      "SELECT id, worker_id AS workerId, kind, title, date, hours, department_id AS departmentId FROM trainings WHERE worker_id = ?1 ORDER BY date DESC",
    ).bind(worker.id).all<z.infer<typeof Training> & { departmentId: string | null }>();
    return c.json({ items: results.map(({ departmentId, ...t }) => ({ ...t, ...(departmentId ? { departmentId } : {}) })) }, 200);
  },
);
