import { createRoute, z } from "@hono/zod-openapi";
import { Department, DepartmentPatch, NewDepartment, PageQuery, pageOf } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, toPage } from "@civicgrid/http";
import { authorize, listScope } from "../access";
import type { AppEnv } from "../env";
import { assertRosterReferences, ref } from "../references";

/** Linkage departments (联动部门) at city and county level, their duty contacts and staff. */
export const departments = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const SELECT = "SELECT id, key, kind, name, division_code AS divisionCode, duty_phone AS dutyPhone, duty_contact AS dutyContact, version FROM departments";
type Row = z.infer<typeof Department>;
const IdParam = z.object({ id: z.string().max(64) });

async function load(db: D1Database, id: string): Promise<Row> {
  const row = await db.prepare(`${SELECT} WHERE id = ?1`).bind(id).first<Row>();
  if (!row) throw new AppError("not_found", `no department ${id}`);
  return row;
}

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
    if (d.id.slice(5, 11) !== d.divisionCode.slice(0, 6)) throw AppError.field("body.id", "must carry the department's division: dept-<first 6 digits of divisionCode>-<key>");
    const row = await c.env.DB.prepare(
      `INSERT INTO departments (id, key, kind, name, division_code, duty_phone, duty_contact) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING
       RETURNING id, key, kind, name, division_code AS divisionCode, duty_phone AS dutyPhone, duty_contact AS dutyContact, version`,
    ).bind(d.id, d.key, d.kind, d.name, d.divisionCode, d.dutyPhone, d.dutyContact ?? null).first<Row>();
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
    request: { query: PageQuery.extend({ divisionCode: z.string().regex(/^\d{12}$/).optional() }) },
    responses: { 200: { description: "a page", ...json(pageOf(Department)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { prefix } = await listScope(c, "department:read", q.divisionCode);
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare(`${SELECT} WHERE division_code LIKE ?1 AND id > ?2 ORDER BY id LIMIT ?3`).bind(`${prefix}%`, after?.[0] ?? "", q.limit + 1).all<Row>();
    return c.json(toPage(results, q.limit, (d) => [d.id]), 200);
  },
);

departments.openapi(
  createRoute({
    method: "get",
    path: "/v1/departments/{id}",
    summary: "One linkage department with its active staff, with its ETag",
    request: { params: IdParam },
    responses: { 200: { description: "a department with its staff", ...json(Department.extend({ staff: z.array(z.object({ sub: z.string(), name: z.string() })) })) } },
  }),
  async (c) => {
    const d = await load(c.env.DB, c.req.valid("param").id);
    authorize(c, "department:read", { divisionCode: d.divisionCode });
    const { results } = await c.env.DB.prepare("SELECT sub, name FROM users WHERE department_id = ?1 AND status = 'active' ORDER BY sub").bind(d.id).all<{ sub: string; name: string }>();
    c.header("etag", etagOf(d.version));
    return c.json({ ...d, staff: results }, 200);
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
    const d = await load(c.env.DB, c.req.valid("param").id);
    authorize(c, "department:write", { divisionCode: d.divisionCode });
    assertVersion(c, d.version);
    const p = c.req.valid("json");
    const row = await c.env.DB.prepare(
      `UPDATE departments SET name = coalesce(?3, name), duty_phone = coalesce(?4, duty_phone), duty_contact = coalesce(?5, duty_contact), version = version + 1
       WHERE id = ?1 AND version = ?2 RETURNING id, key, kind, name, division_code AS divisionCode, duty_phone AS dutyPhone, duty_contact AS dutyContact, version`,
    ).bind(d.id, d.version, p.name ?? null, p.dutyPhone ?? null, p.dutyContact ?? null).first<Row>();
    if (!row) throw new AppError("precondition_failed", "the department changed while updating; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);
