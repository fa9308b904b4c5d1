import { createRoute, z } from "@hono/zod-openapi";
import { can } from "@civicgrid/auth";
import {
  divisionLevel,
  kindOfId,
  NewVisit,
  pageOf,
  villageOfId,
  Visit,
  VisitId,
  VisitQuery,
} from "@civicgrid/contracts";
import { AppError, authorize, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { assertScreening } from "../campaign-access";
import { visitedAtRefusal, visitVillage } from "../domain/visit-rules";
import { villageStub, type AppEnv } from "../env";
import { assertRecordReferences, recordScope } from "../references";
import { refuse, valueOf } from "../refuse";
import { knownVillages } from "../store/villages";
import { visibleVisit } from "../village/visits/view";

export const visitRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

visitRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/visits",
    summary: "A grid worker records a home visit (走访) at a place in a grid they serve; needs found may open cases",
    request: { body: json(NewVisit) },
    responses: { 201: { description: "recorded", ...json(Visit) } },
  }),
  async (c) => {
    const body = c.req.valid("json");
    // A visit is the grid worker's own act, recorded in their name: no other role (not even the platform's
    // administrator, whom the policy lets through everywhere) records one for them.
    if (!principalOf(c).roles.includes("grid_worker"))
      throw new AppError("forbidden", "a visit is recorded by the grid worker who made it");
    const village = valueOf(visitVillage(body));
    refuse(visitedAtRefusal(body.visitedAt, new Date()));
    await assertRecordReferences(
      c,
      [{ field: "body.targetId", kind: body.targetKind, id: body.targetId }],
      "visit:write",
    );
    // Where the worker stood: inside a grid they serve (Jiangmen 第十一条: the worker's duties lie in their grid).
    const place = await c.env.REGISTRY.locate(body.lng, body.lat);
    if (!place) throw AppError.field("body.lng", "the point lies outside every active grid", "unprocessable");
    const principal = principalOf(c);
    if (!can(principal, "visit:write", { divisionCode: place.villageCode, gridCode: place.gridCode }))
      throw AppError.field("body.lng", `the point lies in grid ${place.gridCode}, which you do not serve`, "forbidden");
    if (place.villageCode !== village)
      throw AppError.field(
        "body.lng",
        `lies in village ${place.villageCode}, not the visited record's`,
        "unprocessable",
      );
    await assertScreening(c, body, place.gridCode);
    const { sub, roles, divisionCode, grids } = principal;
    const visitor = { sub, roles, divisionCode, ...(grids ? { grids } : {}) };
    const visit = valueOf(
      await villageStub(c.env, village).recordVisit(village, {
        visit: body,
        gridCode: place.gridCode,
        principal: visitor,
      }),
    );
    c.header("location", `/v1/basedata/visits/${visit.id}`);
    return c.json(visit, 201);
  },
);

/** The village a list names (by itself or through a grid), checked against the query's other fields. */
function listedVillage(q: VisitQuery): string {
  const village = q.villageCode ?? q.gridCode?.slice(0, 12);
  if (!village) throw AppError.field("query.villageCode", "give villageCode or gridCode");
  if (divisionLevel(village) !== "village") throw AppError.field("query.villageCode", "must be a village code");
  if (q.gridCode && q.gridCode.slice(0, 12) !== village)
    throw AppError.field("query.gridCode", `is not a grid of village ${village}`);
  if (q.targetId && villageOfId(q.targetId) !== village)
    throw AppError.field("query.targetId", `is not a record of village ${village}`);
  return village;
}

visitRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/visits",
    summary: "Visits of a village or grid, newest first: a worker sees their grids, an agency its jurisdiction",
    request: { query: VisitQuery },
    responses: { 200: { description: "a page", ...json(pageOf(Visit)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const village = listedVillage(q);
    const { principal, roles } = authorize(c, "visit:read", { divisionCode: village, gridCode: q.gridCode });
    if (q.targetId)
      await assertRecordReferences(
        c,
        [{ field: "query.targetId", kind: kindOfId(q.targetId)!, id: q.targetId }],
        "visit:read",
      );
    if (!(await knownVillages(c.env.DB, [village])).has(village)) return c.json({ items: [], nextCursor: null }, 200);
    const wide = roles.includes("agency") || roles.includes("platform_admin");
    const before = decodeCursor(q.cursor, 1)?.[0];
    const rows = await villageStub(c.env, village).visits(village, {
      grids: wide ? null : (principal.grids ?? []),
      gridCode: q.gridCode,
      targetId: q.targetId,
      from: q.from,
      to: q.to,
      before: before === undefined ? undefined : String(before),
      limit: q.limit + 1,
    });
    const readerGrids = principal.roles.includes("grid_worker") ? (principal.grids ?? []) : [];
    const page = toPage(rows, q.limit, (v) => [v.id]);
    return c.json({ ...page, items: page.items.map((v) => visibleVisit(v, readerGrids)) }, 200);
  },
);

visitRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/visits/{id}",
    summary: "One visit, with the cases its needs opened",
    request: { params: z.object({ id: VisitId }) },
    responses: { 200: { description: "the visit", ...json(Visit) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await recordScope(c, id);
    const { principal } = authorize(c, "visit:read", {
      divisionCode: scope.villageCode,
      gridCode: scope.gridCode ?? undefined,
    });
    const visit = await villageStub(c.env, scope.villageCode).visit(scope.villageCode, id);
    if (!visit) throw new AppError("not_found", `no visit ${id}`);
    const readerGrids = principal.roles.includes("grid_worker") ? (principal.grids ?? []) : [];
    return c.json(visibleVisit(visit, readerGrids), 200);
  },
);
