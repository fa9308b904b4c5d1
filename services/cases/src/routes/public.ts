import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, PublicCaseView, PublicReportAnswer, ReportCaseBody } from "@civicgrid/contracts";
import { AppError, createRouter, sha256Hex } from "@civicgrid/http";
import { caseStub, type AppEnv } from "../env";
import { openResidentReport } from "../resident";

/** Residents without a login: report (the gateway rate-limits it) and follow with the token handed back. */
export const publicRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "post", path: "/v1/public/cases", summary: "A resident reports a problem; the answer carries the follow token (shown once)",
      request: { body: { content: { "application/json": { schema: ReportCaseBody.omit({ priority: true }) } } } },
      responses: { 201: { description: "the case id and follow token", content: { "application/json": { schema: PublicReportAnswer } } } },
    }),
    async (c) => {
      const { caseId, followToken } = await openResidentReport(c.env, c.req.valid("json"), { sub: "anonymous" });
      return c.json({ id: caseId, followToken }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get", path: "/v1/public/cases/{id}", summary: "A resident follows their report with the follow token",
      request: { params: z.object({ id: CaseId }), headers: z.object({ "x-follow-token": z.string().regex(/^[0-9a-f]{32}$/, "the 32-character token given at reporting") }) },
      responses: { 200: { description: "progress of the case", content: { "application/json": { schema: PublicCaseView } } } },
    }),
    async (c) => {
      const view = await caseStub(c.env, c.req.valid("param").id).publicView(await sha256Hex(c.req.valid("header")["x-follow-token"]));
      // One answer for "no such case" and "wrong token", so ids cannot be probed.
      if (!view) throw new AppError("not_found", "no case with this id and token");
      return c.json(view, 200);
    },
  );
