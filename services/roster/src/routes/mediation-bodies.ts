import { createRoute, z } from "@hono/zod-openapi";
import { MediationBody, MediationBodyPatch, MediationBodyQuery, NewMediationBody, pageOf } from "@civicgrid/contracts";
import {
  AppError,
  assertVersion,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  listScope,
  toPage,
} from "@civicgrid/http";
import { bodyRefusal } from "../domain/mediation";
import type { AppEnv } from "../env";
import { assertMediatorWriter } from "../mediator-writers";
import { assertRosterReferences, ref } from "../references";
import { refuse } from "../refuse";
import { dbOf } from "../store/db";
import * as store from "../store/mediation-bodies";

/**
 * People's mediation committees of villages and townships and professional mediation organisations of the county
 * (Wuxi 第四十二条–第四十七条, 人民调解法 第八条), kept by the agency over their place or the justice bureau.
 */
export const mediationBodies = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().max(80) });

mediationBodies.openapi(
  createRoute({
    method: "post",
    path: "/v1/mediation-bodies",
    summary: "Register a people's mediation committee (village, township) or a professional mediation organisation",
    request: { body: json(NewMediationBody) },
    responses: { 201: { description: "registered", ...json(MediationBody) } },
  }),
  async (c) => {
    const b = c.req.valid("json");
    await assertRosterReferences(c, [ref("body.divisionCode", "division", b.divisionCode, "mediator:write")]);
    await assertMediatorWriter(c, { divisionCode: b.divisionCode });
    const fields = b.fields ?? [];
    refuse(bodyRefusal({ ...b, fields }));
    const id = `mb-${crypto.randomUUID()}`;
    const row = await store.insertBody(dbOf(c.env.DB), { ...b, id, fields, createdAt: new Date().toISOString() });
    c.header("etag", etagOf(row.version));
    c.header("location", `/v1/mediation-bodies/${id}`);
    return c.json(row, 201);
  },
);

mediationBodies.openapi(
  createRoute({
    method: "get",
    path: "/v1/mediation-bodies",
    summary: "Mediation committees and organisations in your division or a division within it",
    request: { query: MediationBodyQuery },
    responses: { 200: { description: "a page", ...json(pageOf(MediationBody)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "mediator:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await store.listBodies(dbOf(c.env.DB), { ...q, scope, after });
    return c.json(
      toPage(rows, q.limit, (b) => [b.id]),
      200,
    );
  },
);

mediationBodies.openapi(
  createRoute({
    method: "get",
    path: "/v1/mediation-bodies/{id}",
    summary: "One mediation committee or organisation, with its ETag",
    request: { params: IdParam },
    responses: { 200: { description: "a mediation body", ...json(MediationBody) } },
  }),
  async (c) => {
    const b = await store.loadBody(dbOf(c.env.DB), c.req.valid("param").id);
    authorize(c, "mediator:read", { divisionCode: b.divisionCode });
    c.header("etag", etagOf(b.version));
    return c.json(b, 200);
  },
);

mediationBodies.openapi(
  createRoute({
    method: "patch",
    path: "/v1/mediation-bodies/{id}",
    summary: "Change a body's name, registration number or fields, or stand it down (active false) (If-Match)",
    request: { params: IdParam, body: json(MediationBodyPatch) },
    responses: { 200: { description: "updated", ...json(MediationBody) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const b = await store.loadBody(db, c.req.valid("param").id);
    await assertMediatorWriter(c, { divisionCode: b.divisionCode });
    assertVersion(c, b.version);
    const patch = c.req.valid("json");
    refuse(bodyRefusal({ ...b, fields: patch.fields ?? b.fields }));
    const row = await store.patchBody(db, b.id, b.version, patch);
    if (!row) throw new AppError("precondition_failed", "the body changed while updating; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);
