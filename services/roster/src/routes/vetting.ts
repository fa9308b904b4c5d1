import { createRoute, z } from "@hono/zod-openapi";
import { NewScreening, NewTraining, Screening, Training } from "@civicgrid/contracts";
import { authorize, createRouter, principalOf } from "@civicgrid/http";
import { workerScope } from "../domain/scopes";
import type { AppEnv } from "../env";
import { assertRosterReferences, ref } from "../references";
import { dbOf } from "../store/db";
import * as store from "../store/vetting";
import { loadWorker } from "../store/workers";

/** Screening against the Gansu disqualifiers, and training records, per worker. */
export const vetting = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(80) });

vetting.openapi(
  createRoute({
    method: "post",
    path: "/v1/workers/{id}/screenings",
    summary:
      "An agency or HR screens a worker against the disqualifiers (Gansu 一(三)); any one found bars appointment",
    request: { params: IdParam, body: json(NewScreening) },
    responses: { 201: { description: "recorded", ...json(Screening) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const worker = await loadWorker(db, c.req.valid("param").id);
    authorize(c, "screening:write", workerScope(worker));
    const { notes, ...found } = c.req.valid("json");
    const screening = {
      id: `screening-${crypto.randomUUID()}`,
      workerId: worker.id,
      ...found,
      // Any one disqualifier found bars appointment (Gansu measures 一(三)).
      passed: !Object.values(found).some(Boolean),
      notes: notes ?? null,
      screenedBy: principalOf(c).sub,
      screenedAt: new Date().toISOString(),
    };
    return c.json(await store.insertScreening(db, screening), 201);
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
    const db = dbOf(c.env.DB);
    const worker = await loadWorker(db, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(worker));
    return c.json({ items: await store.listScreenings(db, worker.id) }, 200);
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
    const db = dbOf(c.env.DB);
    const worker = await loadWorker(db, c.req.valid("param").id);
    const t = c.req.valid("json");
    // Agencies, HR and departments record trainings of workers within their division; the department that led
    // one is a second resource: a department names only itself, an agency a department within its reach.
    authorize(c, "training:write", { divisionCode: worker.divisionCode });
    await assertRosterReferences(c, [ref("body.departmentId", "department", t.departmentId, "training:write")]);
    const id = `training-${crypto.randomUUID()}`;
    await store.insertTraining(db, { id, workerId: worker.id, ...t, departmentId: t.departmentId ?? null });
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
    const db = dbOf(c.env.DB);
    const worker = await loadWorker(db, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(worker));
    return c.json({ items: await store.listTrainings(db, worker.id) }, 200);
  },
);
