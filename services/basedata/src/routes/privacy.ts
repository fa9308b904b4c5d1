import { createRoute, z } from "@hono/zod-openapi";
import type { Action, ListScope } from "@civicgrid/auth";
import type { Context } from "hono";
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

/**
 * Writes a read of a person's full data to the access log before the answer leaves (PIPL art. 54): a failed write
 * answers 500 and reveals nothing. Answers when it was logged.
 */
function logRead(
  c: Context<AppEnv>,
  reader: Awaited<ReturnType<typeof personFor>>,
  fields: readonly string[],
  purpose: string,
  at: Date,
): Promise<string> {
  const { principal, roles, scope, person } = reader;
  const byRole = preferredRole(roles, false);
  return logAccess(
    c.env.DB,
    { recordId: person.id, villageCode: scope.villageCode, fields, purpose, bySub: principal.sub, byRole },
    at,
  );
}

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
    const reader = await personFor(c, id, "basedata:read-pii");
    const values = await villageStub(c.env, reader.scope.villageCode).unmasked(id, body.fields);
    if (!values) throw new AppError("not_found", `no person ${id}`);
    const loggedAt = await logRead(c, reader, body.fields, body.purpose, new Date());
    return c.json({ personId: id, ...values, loggedAt }, 200);
  },
);

const DivisionQuery = PageQuery.extend({ divisionCode: DivisionCode });

/** A page of a D1 privacy record (access log, subject requests) in the asked division, newest first. */
async function divisionPage<R, K extends string | number>(
  c: Context<AppEnv>,
  q: z.infer<typeof DivisionQuery>,
  action: Action,
  read: (d1: D1Database, scope: ListScope, before: K | undefined, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
) {
  const { scope } = await listScope(c, action, q.divisionCode);
  const before = decodeCursor(q.cursor, 1)?.[0] as K | undefined;
  return toPage(await read(c.env.DB, scope, before, q.limit + 1), q.limit, (r) => [keyOf(r)]);
}

privacyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/access-log",
    summary: "Unmasked reads of personal data in a division, newest first: who, in which role, what, why, when",
    request: { query: DivisionQuery },
    responses: { 200: { description: "a page", ...json(pageOf(AccessLogEntry)) } },
  }),
  async (c) => c.json(await divisionPage(c, c.req.valid("query"), "basedata:audit", accessLogPage, (r) => r.seq), 200),
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
    const reader = await personFor(c, id, "basedata:subject-request");
    const { principal, scope } = reader;
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
    await logRead(c, reader, ["subject-access"], `subject access ${body.reference}`.slice(0, 200), at);
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
  async (c) =>
    c.json(
      await divisionPage(c, c.req.valid("query"), "basedata:subject-request", subjectRequestsPage, (r) => r.id),
      200,
    ),
);
