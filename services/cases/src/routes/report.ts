import { createRoute } from "@hono/zod-openapi";
import { CaseView, countyOf, ReportCaseBody, townshipOf, WorkOrderBody } from "@civicgrid/contracts";
import { mayEver } from "@civicgrid/auth";
import { AppError, assertReferences, createRouter, etagOf, principalOf } from "@civicgrid/http";
import { actorFor } from "../domain";
import type { AppEnv } from "../env";
import { openReport, placementOf, reporterActor, sourceOf } from "../opening";
import { scopeResolver } from "../references";

const created = { 201: { description: "the case, opened", content: { "application/json": { schema: CaseView } } } };

export const reportRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/cases",
      summary: "Report a case at a location (grid worker, agency, signed-in resident)",
      request: { body: { content: { "application/json": { schema: ReportCaseBody } } } },
      responses: created,
    }),
    async (c) => {
      const body = c.req.valid("json");
      const principal = principalOf(c);
      const place = await placementOf(c.env, body.lng, body.lat);
      const actor = reporterActor(principal, place);
      const view = await openReport(
        c.env,
        {
          ...body,
          source: sourceOf(actor.role),
          placement: place,
          location: { lng: body.lng, lat: body.lat, address: body.address ?? null },
          reporterSub: actor.role === "resident" ? principal.sub : null,
        },
        actor,
      );
      c.header("etag", etagOf(view.version));
      c.header("location", `/v1/cases/${view.id}`);
      return c.json(view, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/cases/work-orders",
      summary: "统一交办: an agency gives a grid's workers a listed matter to check or act on",
      request: { body: { content: { "application/json": { schema: WorkOrderBody } } } },
      responses: created,
    }),
    async (c) => {
      const body = c.req.valid("json");
      const principal = principalOf(c);
      // Only grid agencies assign matters to grid workers (统一交办); a department asking is refused by the policy.
      if (!mayEver(principal, "case:assign-work-order"))
        throw new AppError("forbidden", "only a grid agency may assign matters to grid workers (统一交办)");
      const resolve = scopeResolver(c.env);
      await assertReferences(
        c,
        [{ field: "body.gridCode", kind: "grid", id: body.gridCode, action: "case:assign-work-order" }],
        resolve,
      );
      const villageCode = (await resolve("grid", body.gridCode))!.divisionCode!;
      const place = {
        gridCode: body.gridCode,
        villageCode,
        townshipCode: townshipOf(villageCode),
        countyCode: countyOf(villageCode),
      };
      const actor = actorFor(principal, "case:assign-work-order", { divisionCode: villageCode });
      if (!actor) throw AppError.field("body.gridCode", "this grid lies outside your jurisdiction", "forbidden");
      const view = await openReport(
        c.env,
        {
          title: body.title,
          description: body.description,
          categoryCode: body.categoryCode,
          priority: body.priority,
          source: "agency",
          placement: place,
          location: null,
          reporterSub: null,
          workOrder: { action: body.action, assignedBy: principal.sub },
        },
        actor,
      );
      c.header("etag", etagOf(view.version));
      return c.json(view, 201);
    },
  );
