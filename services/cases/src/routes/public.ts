import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, CommandBodies, PublicCaseView, PublicReportAnswer, ReportCaseBody } from "@civicgrid/contracts";
import { AppError, createRouter, etagOf, ifMatchVersion, sha256Hex } from "@civicgrid/http";
import type { Context } from "hono";
import { NO_CASE_FOR_TOKEN } from "../do/case-do";
import { caseStub, type AppEnv } from "../env";
import { openResidentReport } from "../resident";
import { idempotencyKeyOf, raise } from "./commands";

/** The follow token, as a documented header parameter: residents' apps send it with every follow-up call. */
export const FollowToken = z.object({
  "x-follow-token": z
    .string()
    .regex(/^[0-9a-f]{32}$/, "the 32-character token given at reporting")
    .openapi({ description: "the follow token handed back once at reporting" }),
});
const params = z.object({ id: CaseId });

/** If-Match is optional here: the resident's view carries no version, and the status alone guards the rating. */
const optionalVersion = (c: Context): number | null =>
  c.req.header("if-match") === undefined ? null : ifMatchVersion(c);

/** Residents without a login: report (the gateway rate-limits it), follow and rate with the token handed back. */
export const publicRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/public/cases",
      summary: "A resident reports a problem; the answer carries the follow token (shown once)",
      request: { body: { content: { "application/json": { schema: ReportCaseBody.omit({ priority: true }) } } } },
      responses: {
        201: {
          description: "the case id and follow token",
          content: { "application/json": { schema: PublicReportAnswer } },
        },
      },
    }),
    async (c) => {
      const { caseId, followToken } = await openResidentReport(c.env, c.req.valid("json"), { sub: "anonymous" });
      return c.json({ id: caseId, followToken }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/public/cases/{id}",
      summary: "A resident follows their report with the follow token",
      request: { params, headers: FollowToken },
      responses: {
        200: { description: "progress of the case", content: { "application/json": { schema: PublicCaseView } } },
      },
    }),
    async (c) => {
      const view = await caseStub(c.env, c.req.valid("param").id).publicView(
        await sha256Hex(c.req.valid("header")["x-follow-token"]),
      );
      // One answer for "no such case" and "wrong token", so ids cannot be probed.
      if (!view) throw new AppError("not_found", NO_CASE_FOR_TOKEN);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/public/cases/{id}/rate",
      summary: "A resident without a login rates their closed case with the follow token (unsatisfied may reopen it)",
      request: {
        params,
        headers: FollowToken.extend({ "if-match": z.string().optional(), "idempotency-key": z.string().optional() }),
        body: { content: { "application/json": { schema: CommandBodies.rate } } },
      },
      responses: {
        200: {
          description: "progress of the case after the rating",
          content: { "application/json": { schema: PublicCaseView } },
        },
      },
    }),
    async (c) => {
      const stub = caseStub(c.env, c.req.valid("param").id);
      const tokenHash = await sha256Hex(c.req.valid("header")["x-follow-token"]);
      const options = { expectedVersion: optionalVersion(c), idempotencyKey: idempotencyKeyOf(c) };
      const result = await stub.rateWithToken(tokenHash, { name: "rate", body: c.req.valid("json") }, options);
      if (!result.ok) raise(result);
      const view = await stub.publicView(tokenHash);
      if (!view) throw new AppError("not_found", NO_CASE_FOR_TOKEN);
      c.header("etag", etagOf(result.case.version));
      if (result.replayed) c.header("idempotent-replayed", "true");
      return c.json(view, 200);
    },
  );
