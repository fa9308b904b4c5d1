import { createRoute, z } from "@hono/zod-openapi";
import { NewObjection, Objection, ObjectionResolution } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { authorize, gridDivision } from "../access";
import { today } from "../domain/dates";
import { loadAssignment } from "../domain/rows";
import type { AppEnv } from "../env";

/** Objections raised during the public notice (上岗公示): an open one blocks the start of duty; an upheld one withdraws the appointment. */
export const objections = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const SELECT = "SELECT id, assignment_id AS assignmentId, text, status, note, created_at AS createdAt FROM objections";

objections.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/objections",
    summary: "An agency records an objection raised during the notice (上岗公示); an open one blocks the start of duty",
    request: { params: z.object({ id: z.string().max(80) }), body: json(NewObjection) },
    responses: { 201: { description: "recorded", ...json(Objection) } },
  }),
  async (c) => {
    const a = await loadAssignment(c.env.DB, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.grid_code) });
    if (a.status !== "notice") throw new AppError("invalid_transition", "objections are recorded while the notice runs");
    const id = `objection-${crypto.randomUUID()}`;
    const row = await c.env.DB.prepare(`INSERT INTO objections (id, assignment_id, text, status, created_at) VALUES (?1, ?2, ?3, 'open', ?4) RETURNING ${SELECT.slice(7, SELECT.indexOf(" FROM"))}`)
      .bind(id, a.id, c.req.valid("json").text, new Date().toISOString()).first<z.infer<typeof Objection>>();
    return c.json(row!, 201);
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
    const a = await loadAssignment(c.env.DB, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.grid_code) });
    const { results } = await c.env.DB.prepare(`${SELECT} WHERE assignment_id = ?1 ORDER BY created_at`).bind(a.id).all<z.infer<typeof Objection>>();
    return c.json({ items: results }, 200);
  },
);

objections.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/objections/{objectionId}/resolve",
    summary: "An agency dismisses or upholds an open objection; upholding one withdraws the appointment",
    request: { params: z.object({ id: z.string().max(80), objectionId: z.string().max(80) }), body: json(ObjectionResolution) },
    responses: { 200: { description: "resolved", ...json(Objection) } },
  }),
  async (c) => {
    const { id, objectionId } = c.req.valid("param");
    const a = await loadAssignment(c.env.DB, id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(a.grid_code) });
    const { outcome, note } = c.req.valid("json");
    const results = await c.env.DB.batch([
      c.env.DB.prepare("UPDATE objections SET status = ?3, note = ?4 WHERE id = ?1 AND assignment_id = ?2 AND status = 'open'").bind(objectionId, a.id, outcome, note),
      // An upheld objection withdraws the appointment (still under notice, so no grid snapshot changes).
      c.env.DB.prepare("UPDATE assignments SET status = 'withdrawn', end_date = ?2, end_reason = ?3, version = version + 1 WHERE id = ?1 AND status = 'notice' AND ?4 = 'upheld' AND changes() > 0")
        .bind(a.id, today(), `objection upheld: ${note}`, outcome),
    ]);
    if (!results[0]?.meta.changes) throw new AppError("conflict", "no open objection with this id on this assignment");
    const row = await c.env.DB.prepare(`${SELECT} WHERE id = ?1`).bind(objectionId).first<z.infer<typeof Objection>>();
    return c.json(row!, 200);
  },
);
