import { createRoute, z } from "@hono/zod-openapi";
import { House, HouseCaseLink, HouseDetail, HouseId, HouseUse, NewHouseCaseLink, pageOf } from "@civicgrid/contracts";
import { AppError, assertReferences, authorize, createRouter } from "@civicgrid/http";
import { actorOf } from "../domain/actor";
import { villageStub, type AppEnv } from "../env";
import { recordScope } from "../references";
import { Flag, json, placeInReach, placeListScope, PlaceListQuery, placePage } from "./addresses";
import { preferredRole } from "./roles";

export const houseRoutes = createRouter<AppEnv>();
const IdParam = z.object({ id: HouseId });

houseRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/houses",
    summary: "A village's houses (实有房屋) by grid, use, and whether they are rented out (出租屋); phones masked",
    request: { query: PlaceListQuery.extend({ rented: Flag.optional(), use: HouseUse.optional() }) },
    responses: { 200: { description: "a page, by id", ...json(pageOf(House)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { known, page } = await placeListScope(c, q);
    if (!known) return c.json({ items: [], nextCursor: null }, 200);
    const rows = await villageStub(c.env, q.villageCode).houses(q.villageCode, {
      ...page,
      rented: q.rented,
      use: q.use,
    });
    return c.json(placePage(rows, q.limit), 200);
  },
);

houseRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/houses/{id}",
    summary: "One house: address, owner and landlord (phones masked), who lives there now (names masked), its cases",
    request: { params: IdParam },
    responses: { 200: { description: "the house", ...json(HouseDetail) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await placeInReach(c, id);
    const house = await villageStub(c.env, scope.villageCode).house(scope.villageCode, id);
    if (!house) throw new AppError("not_found", `no house ${id}`);
    return c.json(house, 200);
  },
);

houseRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/houses/{id}/cases",
    summary: "Link a hazard case to a house (once: linking it again answers the link kept)",
    request: { params: IdParam, body: json(NewHouseCaseLink) },
    responses: {
      201: { description: "linked", ...json(HouseCaseLink) },
      200: { description: "already linked", ...json(HouseCaseLink) },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { caseId } = c.req.valid("json");
    const scope = await recordScope(c, id);
    const { principal, roles } = authorize(c, "basedata:submit", {
      divisionCode: scope.villageCode,
      ...(scope.gridCode ? { gridCode: scope.gridCode } : {}),
    });
    // The case is a second resource: it must exist (422) and lie within the caller's reach (403), asked of cases.
    await assertReferences(
      c,
      [{ field: "body.caseId", kind: "case", id: caseId, action: "case:read" }],
      async (kind) => {
        if (kind !== "case") return null;
        const where = await c.env.CASES.caseScope(caseId);
        return where
          ? { divisionCode: where.divisionCode, ...(where.gridCode ? { gridCode: where.gridCode } : {}) }
          : null;
      },
    );
    const actor = actorOf(principal, preferredRole(roles, false));
    const linked = await villageStub(c.env, scope.villageCode).linkHouseCase({ houseId: id, caseId }, actor);
    if (!linked) throw new AppError("not_found", `no house ${id}`);
    return c.json(linked.link, linked.created ? 201 : 200);
  },
);
