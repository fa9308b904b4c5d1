import { createRoute, z } from "@hono/zod-openapi";
import {
  Decision,
  divisionLevel,
  FieldChange,
  NewSubmission,
  PageQuery,
  pageOf,
  Submission,
  SubmissionId,
  SubmissionStatus,
  type Change,
} from "@civicgrid/contracts";
import { AppError, authorize, createRouter, decodeCursor, etagOf, ifMatchVersion, toPage } from "@civicgrid/http";
import { actorOf } from "../domain/actor";
import { foreignIdRefusal, idsOfChange } from "../domain/references";
import { villageStub, type AppEnv } from "../env";
import { assertRecordReferences, recordScope } from "../references";
import { refuse, valueOf } from "../refuse";
import { registerVillage } from "../store/villages";
import { preferredRole } from "./roles";

export const submissionRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const VillageCode = z.string().regex(/^\d{12}$/, "must be a 12-digit village division code");

/** A change's point, when it has one: it places the change in a grid. */
function pointOf(change: Change): { lng: number; lat: number } | null {
  return "lng" in change && change.lng !== undefined && change.lat !== undefined
    ? { lng: change.lng, lat: change.lat }
    : null;
}

submissionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/submissions",
    summary:
      "Collect a change to the base data (采集): a grid worker's waits for verification; an agency may verify its own at once",
    request: { body: json(NewSubmission) },
    responses: { 201: { description: "submitted (pending, or approved with verifyNow)", ...json(Submission) } },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const village = body.villageCode;
    if (divisionLevel(village) !== "village")
      throw AppError.field("body.villageCode", "must be a village (村/社区) code");
    const named = idsOfChange(body.change);
    refuse(foreignIdRefusal(village, named));
    const scopes = await assertRecordReferences(c, named, "basedata:submit");
    // The change lies in the grid of its point, else of the first record it names (a road: at village level).
    const point = pointOf(body.change);
    const located = point ? await c.env.REGISTRY.locate(point.lng, point.lat) : null;
    const gridCode = located?.gridCode ?? named.map((n) => scopes.get(n.id)?.gridCode).find((g) => g) ?? undefined;
    const { principal, roles } = authorize(c, "basedata:submit", { divisionCode: village, gridCode });
    const actor = actorOf(principal, preferredRole(roles, body.verifyNow));
    await registerVillage(c.env, village, new Date());
    const input = {
      change: body.change,
      verifyNow: body.verifyNow,
      source: actor.role === "agency" ? "agency" : "worker",
    };
    const submission = valueOf(
      await villageStub(c.env, village).submit(village, input, actor, c.req.header("idempotency-key") ?? null),
    );
    c.header("etag", etagOf(submission.version));
    c.header("location", `/v1/basedata/submissions/${submission.id}`);
    return c.json(submission, 201);
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/submissions",
    summary: "A village's submissions, newest first, by status: an agency sees all, a grid worker those of their grids",
    request: { query: PageQuery.extend({ villageCode: VillageCode, status: SubmissionStatus.optional() }) },
    responses: { 200: { description: "a page", ...json(pageOf(Submission)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { principal, roles } = authorize(c, "basedata:submit", { divisionCode: q.villageCode });
    const grids = roles.includes("agency") || roles.includes("platform_admin") ? null : (principal.grids ?? []);
    const before = decodeCursor(q.cursor, 1)?.[0];
    const rows = await villageStub(c.env, q.villageCode).submissions(q.villageCode, {
      status: q.status,
      grids,
      before: before === undefined ? undefined : String(before),
      limit: q.limit + 1,
    });
    return c.json(
      toPage(rows, q.limit, (s) => [s.id]),
      200,
    );
  },
);

const IdParam = z.object({ id: SubmissionId });

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/submissions/{id}",
    summary: "One submission with its conflicts; personal data masked",
    request: { params: IdParam },
    responses: { 200: { description: "the submission", ...json(Submission) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await recordScope(c, id);
    authorize(c, "basedata:submit", { divisionCode: scope.villageCode, gridCode: scope.gridCode ?? undefined });
    const submission = await villageStub(c.env, scope.villageCode).submission(scope.villageCode, id);
    if (!submission) throw new AppError("not_found", `no submission ${id}`);
    c.header("etag", etagOf(submission.version));
    return c.json(submission, 200);
  },
);

async function decideOn(
  c: Parameters<Parameters<typeof submissionRoutes.openapi>[1]>[0],
  id: string,
  input: {
    decision: Decision["decision"] | "withdraw";
    note?: string;
  },
) {
  const scope = await recordScope(c, id);
  const action = input.decision === "withdraw" ? "basedata:submit" : "basedata:verify";
  const { principal, roles } = authorize(c, action, {
    divisionCode: scope.villageCode,
    gridCode: scope.gridCode ?? undefined,
  });
  const expectedVersion = c.req.header("if-match") ? ifMatchVersion(c) : null;
  const submission = valueOf(
    await villageStub(c.env, scope.villageCode).decide(
      scope.villageCode,
      { submissionId: id, ...input, expectedVersion },
      actorOf(principal, preferredRole(roles, true)),
      c.req.header("idempotency-key") ?? null,
    ),
  );
  c.header("etag", etagOf(submission.version));
  return submission;
}

submissionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/submissions/{id}/decision",
    summary: "Verify a pending submission (核查): approve it into the base, or reject it with the reason",
    request: { params: IdParam, body: json(Decision) },
    responses: { 200: { description: "decided", ...json(Submission) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(await decideOn(c, id, { decision: body.decision, ...(body.note ? { note: body.note } : {}) }), 200);
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/submissions/{id}/withdraw",
    summary: "The submitter withdraws a pending submission",
    request: { params: IdParam },
    responses: { 200: { description: "withdrawn", ...json(Submission) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await decideOn(c, id, { decision: "withdraw" }), 200);
  },
);

submissionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/records/{id}/history",
    summary:
      "Every field change of a record: who, when, from which source, and the value before (personal data masked)",
    request: {
      params: z.object({ id: z.string().regex(/^[a-z]{2}-\d{12}-\d{6,9}$/, "must be a base-data record id") }),
    },
    responses: {
      200: { description: "the history, oldest first", ...json(z.object({ items: z.array(FieldChange) })) },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await recordScope(c, id);
    authorize(c, "basedata:submit", { divisionCode: scope.villageCode, gridCode: scope.gridCode ?? undefined });
    return c.json({ items: await villageStub(c.env, scope.villageCode).history(id) }, 200);
  },
);
