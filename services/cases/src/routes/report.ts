import { createRoute } from "@hono/zod-openapi";
import { CaseView, ReportCaseBody, WorkOrderBody } from "@civicgrid/contracts";
import { createRouter, etagOf, principalOf } from "@civicgrid/http";
import { setBookmark } from "../bookmark";
import type { AppEnv } from "../env";
import { openReportTimed, placeAndAdmissionOf, reporterActor, sourceOf } from "../opening";
import { phaseMetrics, timed } from "../timing";
import { openWorkOrder } from "../work-orders";

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
      // One registry call places the point and admits the matter (the forbidden check comes after the actor's).
      const { place, admission } = await timed(
        c,
        "place",
        placeAndAdmissionOf(c.env, body.lng, body.lat, body.categoryCode),
      );
      const actor = reporterActor(principal, place);
      const opened = await openReportTimed(
        c.env,
        {
          ...body,
          source: sourceOf(actor.role),
          placement: place,
          admission,
          location: { lng: body.lng, lat: body.lat, address: body.address ?? null },
          reporterSub: actor.role === "resident" ? principal.sub : null,
        },
        actor,
        (name, work) => timed(c, name, work),
      );
      phaseMetrics(c, opened.phases);
      setBookmark(c, opened.case.countyCode, opened.bookmark);
      const view = opened.case;
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
      const view = await openWorkOrder(c, c.req.valid("json"));
      c.header("etag", etagOf(view.version));
      return c.json(view, 201);
    },
  );
