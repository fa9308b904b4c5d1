import { createRoute, z } from "@hono/zod-openapi";
import { Assignment, EndAssignment, NewAssignment, PageQuery, pageOf, Transfer } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { authorize, countyOf, gridDivision } from "../access";
import { appointmentFacts, dutyFacts } from "../domain/appointment-facts";
import { checkAppointment, checkDutyStart } from "../domain/appointment-rules";
import { noticeEndDate, today } from "../domain/dates";
import { assertGridInService } from "../domain/known-grids";
import { flushAfterWrite, gridChangedStatements } from "../domain/outbox";
import { ASSIGNMENT_SELECT, loadAssignment, loadWorker, toAssignment, type AssignmentRow } from "../domain/rows";
import { countySettings } from "../domain/settings";
import type { AppEnv, Env } from "../env";
import { assertRosterReferences, ref } from "../references";

/** Appointments of workers to grids: notice, start of duty, end, transfer. */
export const assignments = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(80) });
const ok = { 200: { description: "the assignment", ...json(Assignment) } };

async function answer(env: Env, id: string, status: 200 | 201) {
  const row = await loadAssignment(env.DB, id);
  return { body: toAssignment(row), etag: etagOf(row.version), status };
}

assignments.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments",
    summary: "An agency appoints a screened worker to a grid (上岗); the public notice (上岗公示) starts",
    request: { body: json(NewAssignment) },
    responses: { 201: { description: "appointed; the public notice runs", ...json(Assignment) } },
  }),
  async (c) => {
    const body = c.req.valid("json");
    await assertRosterReferences(c, [
      ref("body.workerId", "worker", body.workerId, "assignment:write"),
      ref("body.gridCode", "grid", body.gridCode, "assignment:write"),
      ref("body.departmentId", "department", body.departmentId, "assignment:write"),
    ]);
    await assertGridInService(c.env.DB, body.gridCode, "body.gridCode");
    const worker = await loadWorker(c.env.DB, body.workerId);
    const departmentId = body.departmentId ?? (body.role === "professional" ? (worker.department_id ?? undefined) : undefined);
    checkAppointment(await appointmentFacts(c.env.DB, worker, body.gridCode, body.role, departmentId));
    const noticeStart = body.noticeStartDate ?? today();
    if (noticeStart > today()) throw AppError.field("body.noticeStartDate", "a notice cannot start in the future");
    const settings = await countySettings(c.env.DB, countyOf(gridDivision(body.gridCode)));
    const id = `assignment-${crypto.randomUUID()}`;
    await c.env.DB.batch([
      c.env.DB.prepare(
        "INSERT INTO assignments (id, worker_id, grid_code, role, department_id, status, notice_start_date, notice_end_date) VALUES (?1, ?2, ?3, ?4, ?5, 'notice', ?6, ?7)",
      ).bind(id, worker.id, body.gridCode, body.role, departmentId ?? null, noticeStart, noticeEndDate(noticeStart, settings.noticeWorkingDays)),
    ]).catch((error: unknown) => {
      // The partial unique indexes catch a second chief or full-time worker appointed concurrently.
      if (String(error).includes("UNIQUE")) throw new AppError("conflict", `the grid already has a ${body.role} appointed`);
      throw error;
    });
    const a = await answer(c.env, id, 201);
    c.header("etag", a.etag);
    c.header("location", `/v1/assignments/${id}`);
    return c.json(a.body, 201);
  },
);

assignments.openapi(
  createRoute({
    method: "get",
    path: "/v1/assignments",
    summary: "Assignments of a grid or of a worker, optionally by status",
    request: { query: PageQuery.extend({ gridCode: z.string().regex(/^\d{15}$/).optional(), workerId: z.string().max(80).optional(), status: Assignment.shape.status.optional() }) },
    responses: { 200: { description: "a page", ...json(pageOf(Assignment)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    if (!q.gridCode && !q.workerId) throw AppError.field("query.gridCode", "give gridCode or workerId");
    await assertRosterReferences(c, [
      ref("query.gridCode", "grid", q.gridCode, "assignment:read"),
      ref("query.workerId", "worker", q.workerId, "worker:read"),
    ]);
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare(
      `${ASSIGNMENT_SELECT} WHERE (?1 IS NULL OR a.grid_code = ?1) AND (?2 IS NULL OR a.worker_id = ?2) AND (?3 IS NULL OR a.status = ?3) AND a.id > ?4 ORDER BY a.id LIMIT ?5`,
    ).bind(q.gridCode ?? null, q.workerId ?? null, q.status ?? null, after?.[0] ?? "", q.limit + 1).all<AssignmentRow>();
    const page = toPage(results, q.limit, (r) => [r.id]);
    return c.json({ items: page.items.map(toAssignment), nextCursor: page.nextCursor }, 200);
  },
);

assignments.openapi(
  createRoute({
    method: "get",
    path: "/v1/assignments/{id}",
    summary: "One assignment of a worker to a grid, with its ETag",
    request: { params: IdParam },
    responses: ok,
  }),
  async (c) => {
    const row = await loadAssignment(c.env.DB, c.req.valid("param").id);
    authorize(c, "assignment:read", { divisionCode: gridDivision(row.grid_code), gridCode: row.grid_code });
    c.header("etag", etagOf(row.version));
    return c.json(toAssignment(row), 200);
  },
);

assignments.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/start",
    summary: "An agency starts duty after the notice (上岗公示) with no open objection and onboarding done (If-Match)",
    request: { params: IdParam },
    responses: ok,
  }),
  async (c) => {
    const row = await loadAssignment(c.env.DB, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.grid_code) });
    assertVersion(c, row.version);
    if (row.status !== "notice") throw new AppError("invalid_transition", `the assignment is ${row.status}`, { extra: { allowed: [] } });
    const worker = await loadWorker(c.env.DB, row.worker_id);
    checkDutyStart({ today: today(), noticeEndDate: row.notice_end_date, workerStatus: worker.status, ...(await dutyFacts(c.env.DB, row.id, row.worker_id)) });
    await c.env.DB.batch([
      c.env.DB.prepare("UPDATE assignments SET status = 'active', start_date = ?2, version = version + 1 WHERE id = ?1 AND status = 'notice'").bind(row.id, today()),
      ...gridChangedStatements(c.env.DB, row.grid_code, new Date().toISOString()),
    ]);
    await flushAfterWrite(c.env);
    const a = await answer(c.env, row.id, 200);
    c.header("etag", a.etag);
    return c.json(a.body, 200);
  },
);

assignments.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/end",
    summary: "An agency ends a serving worker's assignment, or withdraws one still under notice (If-Match)",
    request: { params: IdParam, body: json(EndAssignment) },
    responses: ok,
  }),
  async (c) => {
    const row = await loadAssignment(c.env.DB, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.grid_code) });
    assertVersion(c, row.version);
    if (row.status !== "notice" && row.status !== "active") throw new AppError("invalid_transition", `the assignment is already ${row.status}`, { extra: { allowed: [] } });
    const next = row.status === "active" ? "ended" : "withdrawn";
    await c.env.DB.batch([
      c.env.DB.prepare("UPDATE assignments SET status = ?2, end_date = ?3, end_reason = ?4, version = version + 1 WHERE id = ?1").bind(row.id, next, today(), c.req.valid("json").reason),
      ...(row.status === "active" ? gridChangedStatements(c.env.DB, row.grid_code, new Date().toISOString()) : []),
    ]);
    await flushAfterWrite(c.env);
    const a = await answer(c.env, row.id, 200);
    c.header("etag", a.etag);
    return c.json(a.body, 200);
  },
);

assignments.openapi(
  createRoute({
    method: "post",
    path: "/v1/assignments/{id}/transfer",
    summary: "An agency moves a serving worker to another grid; duty continues there without a new notice (If-Match)",
    request: { params: IdParam, body: json(Transfer) },
    responses: { 201: { description: "the new assignment on the target grid", ...json(Assignment) } },
  }),
  async (c) => {
    const row = await loadAssignment(c.env.DB, c.req.valid("param").id);
    const { gridCode, reason } = c.req.valid("json");
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.grid_code) });
    await assertRosterReferences(c, [ref("body.gridCode", "grid", gridCode, "assignment:write")]);
    await assertGridInService(c.env.DB, gridCode, "body.gridCode");
    assertVersion(c, row.version);
    if (row.status !== "active") throw new AppError("invalid_transition", "only a serving worker is transferred; a pending appointment is ended and made anew");
    const worker = await loadWorker(c.env.DB, row.worker_id);
    checkAppointment(await appointmentFacts(c.env.DB, worker, gridCode, row.role, row.department_id ?? undefined));
    // A transfer moves a worker who already passed notice, screening and onboarding: duty continues without a new notice.
    const id = `assignment-${crypto.randomUUID()}`;
    const day = today();
    const now = new Date().toISOString();
    await c.env.DB.batch([
      c.env.DB.prepare("UPDATE assignments SET status = 'ended', end_date = ?2, end_reason = ?3, version = version + 1 WHERE id = ?1").bind(row.id, day, `transferred to ${gridCode}: ${reason}`),
      c.env.DB.prepare(
        "INSERT INTO assignments (id, worker_id, grid_code, role, department_id, status, notice_start_date, notice_end_date, start_date) VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?6, ?6)",
      ).bind(id, row.worker_id, gridCode, row.role, row.department_id, day),
      ...gridChangedStatements(c.env.DB, row.grid_code, now),
      ...gridChangedStatements(c.env.DB, gridCode, now),
    ]);
    await flushAfterWrite(c.env);
    const a = await answer(c.env, id, 201);
    c.header("etag", a.etag);
    return c.json(a.body, 201);
  },
);
