import { createRoute, z } from "@hono/zod-openapi";
import { Department, DepartmentPatch, NewDepartment, PageQuery, pageOf } from "@civicgrid/contracts";
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
import type { AppEnv } from "../env";
import { assertRosterReferences, ref } from "../references";
import { dbOf } from "../store/db";
import * as store from "../store/departments";

/** Linkage departments (联动部门) at city and county level, their duty contacts and staff. */
export const departments = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().max(64) });

departments.openapi(
  createRoute({
    method: "post",
    path: "/v1/departments",
    summary: "An agency registers a linkage department (联动部门) in its jurisdiction, with its duty phone",
    request: { body: json(NewDepartment) },
    responses: { 201: { description: "created", ...json(Department) } },
  }),
  async (c) => {
    const d = c.req.valid("json");
    await assertRosterReferences(c, [ref("body.divisionCode", "division", d.divisionCode, "department:write")]);
    if (d.id.slice(5, 11) !== d.divisionCode.slice(0, 6))
      throw AppError.field(
        "body.id",
        "must carry the department's division: dept-<first 6 digits of divisionCode>-<key>",
      );
    const row = await store.insertDepartment(dbOf(c.env.DB), { ...d, dutyContact: d.dutyContact ?? null });
    if (!row) throw new AppError("conflict", `department ${d.id} exists`);
    c.header("etag", etagOf(row.version));
    return c.json(row, 201);
  },
);

departments.openapi(
  createRoute({
    method: "get",
    path: "/v1/departments",
    summary: "Linkage departments (联动部门) in your division or a division within it",
    request: {
      query: PageQuery.extend({
        divisionCode: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
      }),
    },
    responses: { 200: { description: "a page", ...json(pageOf(Department)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "department:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await store.listDepartments(dbOf(c.env.DB), { scope, after, limit: q.limit });
    return c.json(
      toPage(rows, q.limit, (d) => [d.id]),
      200,
    );
  },
);

departments.openapi(
  createRoute({
    method: "get",
    path: "/v1/departments/{id}",
    summary: "One linkage department with its active staff, with its ETag",
    request: { params: IdParam },
    responses: {
      200: {
        description: "a department with its staff",
        ...json(Department.extend({ staff: z.array(z.object({ sub: z.string(), name: z.string() })) })),
      },
    },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const d = await store.loadDepartment(db, c.req.valid("param").id);
    authorize(c, "department:read", { divisionCode: d.divisionCode });
    const staff = await store.departmentStaff(db, d.id);
    c.header("etag", etagOf(d.version));
    return c.json({ ...d, staff }, 200);
  },
);

departments.openapi(
  createRoute({
    method: "patch",
    path: "/v1/departments/{id}",
    summary: "An agency changes a department's name, duty phone or duty contact (If-Match)",
    request: { params: IdParam, body: json(DepartmentPatch) },
    responses: { 200: { description: "updated", ...json(Department) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const d = await store.loadDepartment(db, c.req.valid("param").id);
    authorize(c, "department:write", { divisionCode: d.divisionCode });
    assertVersion(c, d.version);
    const row = await store.patchDepartment(db, d.id, d.version, c.req.valid("json"));
    if (!row) throw new AppError("precondition_failed", "the department changed while updating; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);
