import { createRoute, z } from "@hono/zod-openapi";
import {
  Address,
  AddressDetail,
  AddressId,
  AddressLevel,
  DivisionCode,
  GridCode,
  PageQuery,
  pageOf,
} from "@civicgrid/contracts";
import { AppError, authorize, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import type { Context } from "hono";
import { foreignIdRefusal, type NamedId } from "../domain/references";
import { villageStub, type AppEnv } from "../env";
import { assertRecordReferences, recordScope } from "../references";
import { refuse } from "../refuse";
import { knownVillages } from "../store/villages";

export const addressRoutes = createRouter<AppEnv>();
export const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

/** What every list of places is asked: the village, a grid of it, a keyset page. */
export const PlaceListQuery = PageQuery.extend({ villageCode: DivisionCode, gridCode: GridCode.optional() });
/** A yes/no query parameter. */
export const Flag = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * Places are read by agencies (their jurisdiction) and grid workers (their grids, and the roads of their village,
 * which lie in no grid). A department reads base data only through the people tagged with the kinds it owns
 * (PIPL art. 6: no more than its purpose needs), never the places of a village: refused.
 */
export function authorizePlaces(c: Context<AppEnv>, scope: { divisionCode: string; gridCode?: string | null }) {
  const { principal, roles } = authorize(c, "basedata:read", {
    divisionCode: scope.divisionCode,
    ...(scope.gridCode ? { gridCode: scope.gridCode } : {}),
  });
  const granted = roles.filter((r) => r !== "department");
  if (granted.length === 0)
    throw new AppError("forbidden", "a department reads base data through the people it owns tags of, not places");
  return { principal, roles: granted };
}

/**
 * The reach of a list: the village asked (which must lie in the caller's jurisdiction), a grid of it, and the grids
 * a grid worker is limited to (null: the whole village). `known` is false for a village holding no base data: its
 * list is empty, and no object is created for it.
 */
export async function placeListScope(c: Context<AppEnv>, q: z.infer<typeof PlaceListQuery>) {
  if (q.gridCode && !q.gridCode.startsWith(q.villageCode))
    throw AppError.field("query.gridCode", `is not a grid of village ${q.villageCode}`, "unprocessable");
  const { principal, roles } = authorizePlaces(c, { divisionCode: q.villageCode, gridCode: q.gridCode ?? null });
  const grids =
    roles.includes("agency") || roles.includes("platform_admin")
      ? null
      : (principal.grids ?? []).filter((g) => g.startsWith(q.villageCode));
  const after = decodeCursor(q.cursor, 1)?.[0];
  const known = (await knownVillages(c.env.DB, [q.villageCode])).has(q.villageCode);
  const page = {
    gridCode: q.gridCode,
    grids,
    after: after === undefined ? undefined : String(after),
    limit: q.limit + 1,
  };
  return { known, page };
}

/** The scope of the one place a path names, refused unless the caller may read it. */
export async function placeInReach(c: Context<AppEnv>, id: string) {
  const scope = await recordScope(c, id);
  authorizePlaces(c, { divisionCode: scope.villageCode, gridCode: scope.gridCode });
  return scope;
}

/** A page of places, keyset on the id. */
export const placePage = <T extends { id: string }>(rows: T[], limit: number) => toPage(rows, limit, (r) => [r.id]);

addressRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/addresses",
    summary:
      "A village's standard addresses (标准地址) by grid, parent, level or text (any part of the address, normalised)",
    request: {
      query: PlaceListQuery.extend({
        parentId: AddressId.optional(),
        level: AddressLevel.optional(),
        q: z.string().trim().min(1).max(60).optional(),
      }),
    },
    responses: { 200: { description: "a page, by id", ...json(pageOf(Address)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { known, page } = await placeListScope(c, q);
    if (q.parentId) {
      const named: NamedId[] = [{ field: "query.parentId", kind: "address", id: q.parentId }];
      refuse(foreignIdRefusal(q.villageCode, named));
      await assertRecordReferences(c, named, "basedata:read");
    }
    if (!known) return c.json({ items: [], nextCursor: null }, 200);
    const rows = await villageStub(c.env, q.villageCode).addresses(q.villageCode, {
      ...page,
      parentId: q.parentId,
      level: q.level,
      q: q.q,
    });
    return c.json(placePage(rows, q.limit), 200);
  },
);

addressRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/addresses/{id}",
    summary: "One standard address, with how many addresses lie directly under it and the house kept at it",
    request: { params: z.object({ id: AddressId }) },
    responses: { 200: { description: "the address", ...json(AddressDetail) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await placeInReach(c, id);
    const address = await villageStub(c.env, scope.villageCode).address(scope.villageCode, id);
    if (!address) throw new AppError("not_found", `no address ${id}`);
    return c.json(address, 200);
  },
);
