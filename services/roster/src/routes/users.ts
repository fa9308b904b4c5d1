import { createRoute, z } from "@hono/zod-openapi";
import { NewUser, PageQuery, pageOf, User, UserPatch } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, principalOf, toPage } from "@civicgrid/http";
import type { Context } from "hono";
import { authorize, listScope } from "../access";
import type { AppEnv } from "../env";
import { assertRosterReferences, gridRefs, ref } from "../references";

/** Login subjects: who they are, their org unit, roles and jurisdiction; the gateway asks about them (principalStatus). */
export const users = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const SubParam = z.object({ sub: z.string().min(2).max(128) });

interface Row {
  sub: string; name: string; org_unit_kind: User["orgUnitKind"]; org_unit: string; roles: string; division_code: string;
  department_id: string | null; worker_id: string | null; grids: string; status: User["status"]; version: number;
}
const toUser = (r: Row): User => ({
  sub: r.sub, name: r.name, orgUnitKind: r.org_unit_kind, orgUnit: r.org_unit, roles: JSON.parse(r.roles) as User["roles"], divisionCode: r.division_code,
  ...(r.department_id ? { departmentId: r.department_id } : {}), ...(r.worker_id ? { workerId: r.worker_id } : {}),
  grids: JSON.parse(r.grids) as string[], status: r.status, version: r.version,
});

async function load(db: D1Database, sub: string): Promise<Row> {
  const row = await db.prepare("SELECT * FROM users WHERE sub = ?1").bind(sub).first<Row>();
  if (!row) throw new AppError("not_found", `no user ${sub}`);
  return row;
}

/** Nobody hands out more power than they hold: only a platform admin grants platform_admin. */
function assertGrantable(c: Context, roles: readonly string[]): void {
  if (roles.includes("platform_admin") && !principalOf(c).roles.includes("platform_admin")) {
    throw new AppError("forbidden", "only a platform admin may grant platform_admin", { errors: [{ field: "body.roles", message: "platform_admin not grantable by this caller" }] });
  }
}

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/users",
    summary: "An agency or HR creates a login with roles and jurisdiction; only platform admins grant platform_admin",
    request: { body: json(NewUser) },
    responses: { 201: { description: "created", ...json(User) } },
  }),
  async (c) => {
    const u = c.req.valid("json");
    await assertRosterReferences(c, [
      ref("body.divisionCode", "division", u.divisionCode, "user:write"),
      ref("body.departmentId", "department", u.departmentId, "user:write"),
      ref("body.workerId", "worker", u.workerId, "user:write"),
      ...gridRefs("body.grids", u.grids, "user:write"),
    ]);
    assertGrantable(c, u.roles);
    if (u.roles.includes("department") && !u.departmentId) throw AppError.field("body.departmentId", "required for a department user");
    const row = await c.env.DB.prepare(
      `INSERT INTO users (sub, name, org_unit_kind, org_unit, roles, division_code, department_id, worker_id, grids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
       ON CONFLICT (sub) DO NOTHING RETURNING *`,
    ).bind(u.sub, u.name, u.orgUnitKind, u.orgUnit, JSON.stringify(u.roles), u.divisionCode, u.departmentId ?? null, u.workerId ?? null, JSON.stringify(u.grids ?? [])).first<Row>();
    if (!row) throw new AppError("conflict", `user ${u.sub} exists`);
    c.header("etag", etagOf(row.version));
    return c.json(toUser(row), 201);
  },
);

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/users",
    summary: "Login subjects in your division or a division within it (agency, HR)",
    request: { query: PageQuery.extend({ divisionCode: z.string().regex(/^\d{12}$/).optional() }) },
    responses: { 200: { description: "a page", ...json(pageOf(User)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { prefix } = await listScope(c, "user:read", q.divisionCode);
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare("SELECT * FROM users WHERE division_code LIKE ?1 AND sub > ?2 ORDER BY sub LIMIT ?3").bind(`${prefix}%`, after?.[0] ?? "", q.limit + 1).all<Row>();
    const page = toPage(results, q.limit, (r) => [r.sub]);
    return c.json({ items: page.items.map(toUser), nextCursor: page.nextCursor }, 200);
  },
);

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/users/{sub}",
    summary: "One login subject with roles and jurisdiction, with its ETag (agency, HR)",
    request: { params: SubParam },
    responses: { 200: { description: "a user", ...json(User) } },
  }),
  async (c) => {
    const row = await load(c.env.DB, c.req.valid("param").sub);
    authorize(c, "user:read", { divisionCode: row.division_code });
    c.header("etag", etagOf(row.version));
    return c.json(toUser(row), 200);
  },
);

users.openapi(
  createRoute({
    method: "patch",
    path: "/v1/users/{sub}",
    summary: "An agency or HR changes a user's name, org unit, roles or grids (If-Match)",
    request: { params: SubParam, body: json(UserPatch) },
    responses: { 200: { description: "updated", ...json(User) } },
  }),
  async (c) => {
    const row = await load(c.env.DB, c.req.valid("param").sub);
    authorize(c, "user:write", { divisionCode: row.division_code });
    assertVersion(c, row.version);
    const p = c.req.valid("json");
    await assertRosterReferences(c, gridRefs("body.grids", p.grids, "user:write"));
    if (p.roles) assertGrantable(c, p.roles);
    const updated = await c.env.DB.prepare(
      `UPDATE users SET name = coalesce(?3, name), org_unit = coalesce(?4, org_unit), roles = coalesce(?5, roles), grids = coalesce(?6, grids), version = version + 1
       WHERE sub = ?1 AND version = ?2 RETURNING *`,
    ).bind(row.sub, row.version, p.name ?? null, p.orgUnit ?? null, p.roles ? JSON.stringify(p.roles) : null, p.grids ? JSON.stringify(p.grids) : null).first<Row>();
    if (!updated) throw new AppError("precondition_failed", "the user changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(toUser(updated), 200);
  },
);

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/users/{sub}/remove",
    summary: "An agency or HR removes a user; the gateway refuses their tokens within a minute (If-Match)",
    request: { params: SubParam },
    responses: { 200: { description: "removed: the gateway refuses the subject's tokens within a minute", ...json(User) } },
  }),
  async (c) => {
    const row = await load(c.env.DB, c.req.valid("param").sub);
    authorize(c, "user:write", { divisionCode: row.division_code });
    assertVersion(c, row.version);
    if (row.status === "removed") throw new AppError("invalid_transition", "the user is already removed");
    const updated = await c.env.DB.prepare("UPDATE users SET status = 'removed', version = version + 1 WHERE sub = ?1 AND version = ?2 RETURNING *").bind(row.sub, row.version).first<Row>();
    if (!updated) throw new AppError("precondition_failed", "the user changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(toUser(updated), 200);
  },
);
