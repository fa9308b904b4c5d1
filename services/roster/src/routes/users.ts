import { createRoute, z } from "@hono/zod-openapi";
import { NewUser, PageQuery, pageOf, User, UserPatch } from "@civicgrid/contracts";
import {
  AppError,
  assertVersion,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  listScope,
  principalOf,
  toPage,
} from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { assertRosterReferences, gridRefs, ref } from "../references";
import { dbOf } from "../store/db";
import * as store from "../store/users";

/** Login subjects: who they are, their org unit, roles and jurisdiction; the gateway asks about them (principalStatus). */
export const users = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const SubParam = z.object({ sub: z.string().min(2).max(128) });

/** Nobody hands out more power than they hold: only a platform admin grants platform_admin. */
function assertGrantable(c: Context, roles: readonly string[]): void {
  if (roles.includes("platform_admin") && !principalOf(c).roles.includes("platform_admin")) {
    throw new AppError("forbidden", "only a platform admin may grant platform_admin", {
      errors: [{ field: "body.roles", message: "platform_admin not grantable by this caller" }],
    });
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
    if (u.roles.includes("department") && !u.departmentId)
      throw AppError.field("body.departmentId", "required for a department user");
    const row = await store.insertUser(dbOf(c.env.DB), { ...u, grids: u.grids ?? [] });
    if (!row) throw new AppError("conflict", `user ${u.sub} exists`);
    c.header("etag", etagOf(row.version));
    return c.json(store.toUser(row), 201);
  },
);

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/users",
    summary: "Login subjects in your division or a division within it (agency, HR)",
    request: {
      query: PageQuery.extend({
        divisionCode: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
      }),
    },
    responses: { 200: { description: "a page", ...json(pageOf(User)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "user:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await store.listUsers(dbOf(c.env.DB), { scope, after, limit: q.limit });
    const page = toPage(rows, q.limit, (r) => [r.sub]);
    return c.json({ items: page.items.map(store.toUser), nextCursor: page.nextCursor }, 200);
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
    const row = await store.loadUser(dbOf(c.env.DB), c.req.valid("param").sub);
    authorize(c, "user:read", { divisionCode: row.divisionCode });
    c.header("etag", etagOf(row.version));
    return c.json(store.toUser(row), 200);
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
    const db = dbOf(c.env.DB);
    const row = await store.loadUser(db, c.req.valid("param").sub);
    authorize(c, "user:write", { divisionCode: row.divisionCode });
    assertVersion(c, row.version);
    const p = c.req.valid("json");
    await assertRosterReferences(c, gridRefs("body.grids", p.grids, "user:write"));
    if (p.roles) assertGrantable(c, p.roles);
    const updated = await store.patchUser(db, row.sub, row.version, p);
    if (!updated) throw new AppError("precondition_failed", "the user changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(store.toUser(updated), 200);
  },
);

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/users/{sub}/remove",
    summary: "An agency or HR removes a user; the gateway refuses their tokens within a minute (If-Match)",
    request: { params: SubParam },
    responses: {
      200: { description: "removed: the gateway refuses the subject's tokens within a minute", ...json(User) },
    },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const row = await store.loadUser(db, c.req.valid("param").sub);
    authorize(c, "user:write", { divisionCode: row.divisionCode });
    assertVersion(c, row.version);
    if (row.status === "removed") throw new AppError("invalid_transition", "the user is already removed");
    const updated = await store.patchUser(db, row.sub, row.version, { status: "removed" });
    if (!updated) throw new AppError("precondition_failed", "the user changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(store.toUser(updated), 200);
  },
);
