import { createRoute, z } from "@hono/zod-openapi";
import { NewObjection, Objection, ObjectionResolution } from "@civicgrid/contracts";
import { AppError, authorize, createRouter } from "@civicgrid/http";
import { lifecycleRefusal } from "../domain/assignment-lifecycle";
import { today } from "../domain/dates";
import { gridDivision } from "../domain/scopes";
import type { AppEnv } from "../env";
import { refuse } from "../refuse";
import { loadAssignment } from "../store/assignments";
import { dbOf } from "../store/db";
import * as store from "../store/objections";

/** Objections raised during the public notice (上岗公示): an open one blocks the start of duty; an upheld one withdraws the appointment. */
export const objections = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

objections.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/objections",
    summary: "An agency records an objection raised during the notice (上岗公示); an open one blocks the start of duty",
    request: { params: z.object({ id: z.string().max(80) }), body: json(NewObjection) },
    responses: { 201: { description: "recorded", ...json(Objection) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const a = await loadAssignment(db, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.gridCode) });
    refuse(lifecycleRefusal("object", a.status));
    const objection = { id: `objection-${crypto.randomUUID()}`, assignmentId: a.id, text: c.req.valid("json").text };
    return c.json(await store.insertObjection(db, { ...objection, createdAt: new Date().toISOString() }), 201);
  },
);

objections.openapi(
  createRoute({
    method: "get",
    path: "/v1/assignments/{id}/objections",
    summary: "The objections raised against an appointment, oldest first (agencies)",
    request: { params: z.object({ id: z.string().max(80) }) },
    responses: { 200: { description: "objections", ...json(z.object({ items: z.array(Objection) })) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const a = await loadAssignment(db, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.gridCode) });
    return c.json({ items: await store.listObjections(db, a.id) }, 200);
  },
);

objections.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/objections/{objectionId}/resolve",
    summary: "An agency dismisses or upholds an open objection; upholding one withdraws the appointment",
    request: {
      params: z.object({ id: z.string().max(80), objectionId: z.string().max(80) }),
      body: json(ObjectionResolution),
    },
    responses: { 200: { description: "resolved", ...json(Objection) } },
  }),
  async (c) => {
    const { id, objectionId } = c.req.valid("param");
    const db = dbOf(c.env.DB);
    const a = await loadAssignment(db, id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.gridCode) });
    const { outcome, note } = c.req.valid("json");
    const resolution = { id: objectionId, assignmentId: a.id, outcome, note, today: today() };
    if (!(await store.resolveObjection(db, resolution))) {
      throw new AppError("conflict", "no open objection with this id on this assignment");
    }
    return c.json((await store.loadObjection(db, objectionId))!, 200);
  },
);
