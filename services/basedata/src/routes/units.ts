import { createRoute, z } from "@hono/zod-openapi";
import { BusinessUnitKind, pageOf, Unit, UnitDetail, UnitId } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { villageStub, type AppEnv } from "../env";
import { Flag, json, placeInReach, placeListScope, PlaceListQuery, placePage } from "./addresses";

export const unitRoutes = createRouter<AppEnv>();

unitRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/units",
    summary: "A village's units (实有单位) by grid, kind, and key places (重点场所); phones masked",
    request: { query: PlaceListQuery.extend({ unitKind: BusinessUnitKind.optional(), keyPlace: Flag.optional() }) },
    responses: { 200: { description: "a page, by id", ...json(pageOf(Unit)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { known, page } = await placeListScope(c, q);
    if (!known) return c.json({ items: [], nextCursor: null }, 200);
    const rows = await villageStub(c.env, q.villageCode).units(q.villageCode, {
      ...page,
      unitKind: q.unitKind,
      keyPlace: q.keyPlace,
    });
    return c.json(placePage(rows, q.limit), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/units/{id}",
    summary: "One unit with its address; phones masked (the credit code is an organisation's, not personal data)",
    request: { params: z.object({ id: UnitId }) },
    responses: { 200: { description: "the unit", ...json(UnitDetail) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await placeInReach(c, id);
    const unit = await villageStub(c.env, scope.villageCode).unit(scope.villageCode, id);
    if (!unit) throw new AppError("not_found", `no unit ${id}`);
    return c.json(unit, 200);
  },
);
