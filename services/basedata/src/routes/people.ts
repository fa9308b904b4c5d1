import { createRoute, z } from "@hono/zod-openapi";
import type { Action } from "@civicgrid/auth";
import { grantingRoles } from "@civicgrid/auth";
import {
  IdNumber,
  isWithinDivision,
  Phone,
  PersonHit,
  PersonId,
  PersonStatus,
  PersonView,
  TagKindCode,
  type Principal,
  type Role,
} from "@civicgrid/contracts";
import { AppError, authorize, createRouter } from "@civicgrid/http";
import type { Context } from "hono";
import { mayReadPerson, tagVisible, type Viewer } from "../domain/tag-visibility";
import { villageStub, type AppEnv, type Env } from "../env";
import { recordScope } from "../references";
import type { RecordScope } from "../village/scopes";
import { searchPeople } from "./people-search";

export const peopleRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

/**
 * The viewer of base data for tag visibility (domain/tag-visibility.ts): the roles granted, the grids served and,
 * for a department, its kind as the roster knows it — only within the department's own division.
 */
export async function viewerFor(env: Env, principal: Principal, roles: Role[], villageCode: string): Promise<Viewer> {
  let departmentKind: string | null = null;
  if (roles.includes("department") && principal.departmentId) {
    const department = await env.ROSTER.department(principal.departmentId);
    if (department && isWithinDivision(villageCode, department.divisionCode)) departmentKind = department.kind;
  }
  return { roles, grids: principal.grids ?? [], departmentKind };
}

/**
 * The person a path names, for a caller allowed `action` on it: 404 unknown, 403 outside the caller's reach or,
 * for a department, unless the person carries an open tag of a kind it owns. Tags the caller may not see are gone.
 */
export async function personFor(c: Context<AppEnv>, id: string, action: Action) {
  const scope: RecordScope = await recordScope(c, id);
  const { principal, roles } = authorize(c, action, {
    divisionCode: scope.villageCode,
    gridCode: scope.gridCode ?? undefined,
  });
  const viewer = await viewerFor(c.env, principal, roles, scope.villageCode);
  const person = await villageStub(c.env, scope.villageCode).person(scope.villageCode, id);
  if (!person) throw new AppError("not_found", `no person ${id}`);
  const open = person.tags.filter((t) => t.end === null).map((t) => t.kind);
  if (!mayReadPerson(viewer, open))
    throw new AppError("forbidden", `${action} of ${id}: a department reads only people of the groups it owns`);
  const tags = person.tags.filter((t) => tagVisible(viewer, t.kind, person.gridCode));
  return { principal, roles, viewer, scope, person: { ...person, tags } };
}

peopleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/people/{id}",
    summary: "A person (实有人口): identity and phone masked, the tags the caller may see (PIPL art. 28)",
    request: { params: z.object({ id: PersonId }) },
    responses: { 200: { description: "the person", ...json(PersonView) } },
  }),
  async (c) => c.json((await personFor(c, c.req.valid("param").id, "basedata:read")).person, 200),
);

const Code = z.string().max(15);
export const SearchQuery = z.object({
  gridCode: Code.optional(),
  villageCode: Code.optional(),
  townshipCode: Code.optional(),
  countyCode: Code.optional(),
  idNumber: IdNumber.optional(),
  phone: Phone.optional(),
  /** The full name (exact, across villages); within one village or grid, also names starting with it. */
  name: z.string().trim().min(1).max(64).optional(),
  tag: TagKindCode.optional(),
  status: PersonStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

peopleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/people",
    summary:
      "Search people in a grid, village, township or county by ID number, phone, name, tag or status; always masked",
    request: { query: SearchQuery },
    responses: {
      200: {
        description: "the first `limit` people found, by id; `truncated` when there were more",
        ...json(z.object({ items: z.array(PersonHit), truncated: z.boolean() })),
      },
    },
  }),
  async (c) => c.json(await searchPeople(c, c.req.valid("query")), 200),
);

/** The roles through which `principal` may read a record in this village and grid (the hits of a search). */
export const rolesAt = (principal: Principal, villageCode: string, gridCode: string | null) =>
  grantingRoles(principal, "basedata:read", { divisionCode: villageCode, gridCode: gridCode ?? undefined });
