import { createRoute, z } from "@hono/zod-openapi";
import { Assignment, countyOf, EndAssignment, NewAssignment, pageOf, PageQuery, Transfer } from "@civicgrid/contracts";
import { AppError, assertVersion, authorize, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { appointmentRefusal, dutyStartRefusal } from "../domain/appointment-rules";
import { endedStatus, lifecycleRefusal } from "../domain/assignment-lifecycle";
import { noticeEndDate, today } from "../domain/dates";
import { gridDivision } from "../domain/scopes";
import type { AppEnv } from "../env";
import { assertGridInService, assertRosterReferences, ref } from "../references";
import { refuse } from "../refuse";
import { appointmentFacts, dutyFacts } from "../store/appointment-facts";
import * as store from "../store/assignments";
import { dbOf, type Db } from "../store/db";
import { flushAfterWrite } from "../store/grid-events";
import { loadCountySettings } from "../store/settings";
import { loadWorker } from "../store/workers";

/** Appointments of workers to grids: notice, start of duty, end, transfer. */
export const assignments = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(80) });
const ok = { 200: { description: "the assignment", ...json(Assignment) } };

async function answer(db: Db, id: string, status: 200 | 201) {
  const row = await store.loadAssignment(db, id);
  return { body: row, etag: etagOf(row.version), status };
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
    const db = dbOf(c.env.DB);
    await assertGridInService(db, body.gridCode, "body.gridCode");
    const worker = await loadWorker(db, body.workerId);
    // A professional worker comes from their own department unless the body names one.
    const ownDepartment = body.role === "professional" ? (worker.departmentId ?? undefined) : undefined;
    const departmentId = body.departmentId ?? ownDepartment;
    refuse(appointmentRefusal(await appointmentFacts(db, worker, body.gridCode, body.role, departmentId)));
    const noticeStart = body.noticeStartDate ?? today();
    if (noticeStart > today()) throw AppError.field("body.noticeStartDate", "a notice cannot start in the future");
    const settings = await loadCountySettings(db, countyOf(gridDivision(body.gridCode)));
    const id = `assignment-${crypto.randomUUID()}`;
    const noticeEnd = noticeEndDate(noticeStart, settings.noticeWorkingDays);
    const notice = { noticeStartDate: noticeStart, noticeEndDate: noticeEnd };
    const { gridCode, role } = body;
    const assignment = { id, workerId: worker.id, gridCode, role, departmentId: departmentId ?? null, ...notice };
    await store.insertAssignment(db, assignment, role);
    const a = await answer(db, id, 201);
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
    request: {
      query: PageQuery.extend({
        gridCode: z
          .string()
          .regex(/^\d{15}$/)
          .optional(),
        workerId: z.string().max(80).optional(),
        status: Assignment.shape.status.optional(),
      }),
    },
    responses: { 200: { description: "a page", ...json(pageOf(Assignment)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    if (!q.gridCode && !q.workerId) throw AppError.field("query.gridCode", "give gridCode or workerId");
    await assertRosterReferences(c, [
      ref("query.gridCode", "grid", q.gridCode, "assignment:read"),
      ref("query.workerId", "worker", q.workerId, "worker:read"),
    ]);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const { gridCode, workerId, status, limit } = q;
    const page = { gridCode, workerId, status, after, limit };
    const rows = await store.listAssignments(dbOf(c.env.DB), page);
    return c.json(
      toPage(rows, q.limit, (r) => [r.id]),
      200,
    );
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
    const row = await store.loadAssignment(dbOf(c.env.DB), c.req.valid("param").id);
    authorize(c, "assignment:read", { divisionCode: gridDivision(row.gridCode), gridCode: row.gridCode });
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
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
    const db = dbOf(c.env.DB);
    const row = await store.loadAssignment(db, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.gridCode) });
    assertVersion(c, row.version);
    refuse(lifecycleRefusal("start", row.status));
    const worker = await loadWorker(db, row.workerId);
    const facts = await dutyFacts(db, row.id, row.workerId);
    const { noticeEndDate } = row;
    refuse(dutyStartRefusal({ today: today(), noticeEndDate, workerStatus: worker.status, ...facts }));
    await store.startAssignment(db, row, today(), new Date().toISOString());
    await flushAfterWrite(c.env);
    const a = await answer(db, row.id, 200);
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
    const db = dbOf(c.env.DB);
    const row = await store.loadAssignment(db, c.req.valid("param").id);
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.gridCode) });
    assertVersion(c, row.version);
    refuse(lifecycleRefusal("end", row.status));
    const ending = { status: endedStatus(row.status), endDate: today(), endReason: c.req.valid("json").reason };
    await store.endAssignment(db, row, ending, new Date().toISOString());
    await flushAfterWrite(c.env);
    const a = await answer(db, row.id, 200);
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
    const db = dbOf(c.env.DB);
    const row = await store.loadAssignment(db, c.req.valid("param").id);
    const { gridCode, reason } = c.req.valid("json");
    authorize(c, "assignment:write", { divisionCode: gridDivision(row.gridCode) });
    await assertRosterReferences(c, [ref("body.gridCode", "grid", gridCode, "assignment:write")]);
    await assertGridInService(db, gridCode, "body.gridCode");
    assertVersion(c, row.version);
    refuse(lifecycleRefusal("transfer", row.status));
    const worker = await loadWorker(db, row.workerId);
    refuse(appointmentRefusal(await appointmentFacts(db, worker, gridCode, row.role, row.departmentId ?? undefined)));
    const id = `assignment-${crypto.randomUUID()}`;
    await store.transferAssignment(db, row, { id, gridCode, reason }, today(), new Date().toISOString());
    await flushAfterWrite(c.env);
    const a = await answer(db, id, 201);
    c.header("etag", a.etag);
    return c.json(a.body, 201);
  },
);
