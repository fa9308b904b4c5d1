import { createRoute, z } from "@hono/zod-openapi";
import {
  AccessLogEntry,
  DivisionCode,
  PageQuery,
  pageOf,
  PersonId,
  SubjectAccess,
  SubjectRequest,
  SubjectRequestBody,
  UnmaskedAnswer,
  UnmaskedRequest,
} from "@civicgrid/contracts";
import { AppError, createRouter, decodeCursor, listScope, toPage } from "@civicgrid/http";
import { villageStub, type AppEnv } from "../env";
import { accessLogPage, logAccess, recordSubjectRequest, subjectRequestsPage } from "../store/privacy";
import { personFor } from "./people";
import { preferredRole } from "./roles";

export const privacyRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: PersonId });

privacyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/people/{id}/unmasked",
    summary:
      "The full ID number or phone of a person, for a stated purpose; every read is written to the access log first",
    request: { params: IdParam, body: json(UnmaskedRequest) },
    responses: { 200: { description: "the values asked for", ...json(UnmaskedAnswer) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { principal, roles, scope } = await personFor(c, id, "basedata:read-pii");
    const values = await villageStub(c.env, scope.villageCode).unmasked(id, body.fields);
    if (!values) throw new AppError("not_found", `no person ${id}`);
    // Logged before the answer leaves (PIPL art. 54): a failed log write answers 500 and reveals nothing.
    const loggedAt = await logAccess(
      c.env.DB,
      {
        recordId: id,
        villageCode: scope.villageCode,
        fields: body.fields,
        purpose: body.purpose,
        bySub: principal.sub,
        byRole: preferredRole(roles, false),
      },
      new Date(),
    );
    return c.json({ personId: id, ...values, loggedAt }, 200);
  },
);

const DivisionQuery = PageQuery.extend({ divisionCode: DivisionCode });

privacyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/access-log",
    summary: "Unmasked reads of personal data in a division, newest first: who, in which role, what, why, when",
    request: { query: DivisionQuery },
    responses: { 200: { description: "a page", ...json(pageOf(AccessLogEntry)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "basedata:audit", q.divisionCode);
    const before = decodeCursor(q.cursor, 1)?.[0];
    const rows = await accessLogPage(c.env.DB, scope, before === undefined ? undefined : Number(before), q.limit + 1);
    return c.json(
      toPage(rows, q.limit, (r) => [r.seq]),
      200,
    );
  },
);

privacyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/people/{id}/subject-requests",
    summary:
      "A person's own request (PIPL art. 45, 47): access produces everything kept on them; erasure anonymises them now",
    request: { params: IdParam, body: json(SubjectRequestBody) },
    responses: {
      200: { description: "access: everything kept on the person, unmasked (logged)", ...json(SubjectAccess) },
      201: { description: "erasure: the request as recorded", ...json(SubjectRequest) },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { principal, roles, scope } = await personFor(c, id, "basedata:subject-request");
    const at = new Date();
    const request = {
      id: `sr-${at.getTime().toString(36).padStart(9, "0")}-${crypto.randomUUID().slice(0, 8)}`,
      personId: id,
      villageCode: scope.villageCode,
      ...body,
      bySub: principal.sub,
      at: at.toISOString(),
    };
    const village = villageStub(c.env, scope.villageCode);
    if (body.kind === "erasure") {
      const done = await village.anonymise(
        scope.villageCode,
        { ids: [id] },
        { by: principal.sub, source: `erasure:${request.id}` },
      );
      const row = { ...request, outcome: done.length > 0 ? "anonymised" : "already anonymised" };
      await recordSubjectRequest(c.env.DB, row);
      return c.json(row, 201);
    }
    const record = await village.subjectAccess(scope.villageCode, id);
    if (!record) throw new AppError("not_found", `no person ${id}`);
    const row = { ...request, outcome: "produced" };
    await recordSubjectRequest(c.env.DB, row);
    const purpose = `subject access ${body.reference}`.slice(0, 200);
    const fields = ["subject-access"];
    await logAccess(
      c.env.DB,
      {
        recordId: id,
        villageCode: scope.villageCode,
        fields,
        purpose,
        bySub: principal.sub,
        byRole: preferredRole(roles, false),
      },
      at,
    );
    return c.json({ request: row, ...record }, 200);
  },
);

privacyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/subject-requests",
    summary: "Subject requests (access, erasure) in a division, newest first, with what was done",
    request: { query: DivisionQuery },
    responses: { 200: { description: "a page", ...json(pageOf(SubjectRequest)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "basedata:subject-request", q.divisionCode);
    const before = decodeCursor(q.cursor, 1)?.[0];
    const rows = await subjectRequestsPage(
      c.env.DB,
      scope,
      before === undefined ? undefined : String(before),
      q.limit + 1,
    );
    return c.json(
      toPage(rows, q.limit, (r) => [r.id]),
      200,
    );
  },
);
