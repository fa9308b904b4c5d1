import { createRoute, z } from "@hono/zod-openapi";
import {
  Mediator,
  MediatorDeactivation,
  MediatorPatch,
  MediatorQuery,
  NewMediator,
  pageOf,
} from "@civicgrid/contracts";
import { piiKeys } from "@civicgrid/http/pii";
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
import { today } from "../domain/dates";
import { mediatorRefusal, registrationRefusal } from "../domain/mediation";
import type { AppEnv } from "../env";
import { assertMediatorWriter } from "../mediator-writers";
import { assertRosterReferences, ref } from "../references";
import { refuse } from "../refuse";
import { sealedPhone } from "../sealed-phone";
import { dbOf } from "../store/db";
import { loadBody } from "../store/mediation-bodies";
import * as store from "../store/mediators";

/**
 * The registry of mediators (人民调解员, 人民调解法 第十三条–第十四条): members of a committee or organisation, or grid
 * workers mediating on the spot (Jiangmen 第十一条(四)), each with a qualification valid when registered. Their phone
 * is encrypted at rest and masked in every answer.
 */
export const mediators = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().max(80) });

/** The columns of a qualification. */
const certificate = (q: NewMediator["qualification"]) => ({
  certificateNumber: q.certificateNumber,
  certificateIssuedBy: q.issuedBy,
  certificateValidUntil: q.validUntil,
});

mediators.openapi(
  createRoute({
    method: "post",
    path: "/v1/mediators",
    summary: "Register a mediator of a committee or organisation, or a grid worker, with a valid qualification",
    request: { body: json(NewMediator) },
    responses: { 201: { description: "registered", ...json(Mediator) } },
  }),
  async (c) => {
    const m = c.req.valid("json");
    await assertRosterReferences(c, [
      ref("body.bodyId", "mediation-body", m.bodyId, "mediator:write"),
      ref("body.workerId", "worker", m.workerId, "mediator:write"),
    ]);
    const db = dbOf(c.env.DB);
    const body = m.bodyId === undefined ? null : await loadBody(db, m.bodyId);
    const worker = m.workerId === undefined ? null : await store.workerFacts(db, m.workerId);
    const divisionCode = (body ?? worker)?.divisionCode;
    if (divisionCode) await assertMediatorWriter(c, { divisionCode });
    refuse(mediatorRefusal(m, { body, worker, today: today() }));
    const id = `med-${crypto.randomUUID()}`;
    const row = await store.insertMediator(db, {
      id,
      kind: m.kind,
      bodyId: m.bodyId ?? null,
      workerId: m.workerId ?? null,
      divisionCode: divisionCode!, // the refusal above guarantees a body or a worker
      name: worker?.name ?? m.name!, // a grid worker mediates under the roster's name, others name themselves
      ...(await sealedPhone(await piiKeys(c.env.PII_KEY), m.phone)),
      ...certificate(m.qualification),
      trainedOn: m.trainedOn,
      createdAt: new Date().toISOString(),
    });
    c.header("etag", etagOf(row.version));
    c.header("location", `/v1/mediators/${id}`);
    return c.json(row, 201);
  },
);

mediators.openapi(
  createRoute({
    method: "get",
    path: "/v1/mediators",
    summary: "Mediators in your division or a division within it, by kind, body or state; phones masked",
    request: { query: MediatorQuery },
    responses: { 200: { description: "a page", ...json(pageOf(Mediator)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    await assertRosterReferences(c, [ref("query.bodyId", "mediation-body", q.bodyId, "mediator:read")]);
    const { scope } = await listScope(c, "mediator:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await store.listMediators(dbOf(c.env.DB), { ...q, scope, after });
    return c.json(
      toPage(rows, q.limit, (m) => [m.id]),
      200,
    );
  },
);

mediators.openapi(
  createRoute({
    method: "get",
    path: "/v1/mediators/{id}",
    summary: "One mediator, phone masked, with its ETag",
    request: { params: IdParam },
    responses: { 200: { description: "a mediator", ...json(Mediator) } },
  }),
  async (c) => {
    const m = await store.loadMediator(dbOf(c.env.DB), c.req.valid("param").id);
    authorize(c, "mediator:read", { divisionCode: m.divisionCode });
    c.header("etag", etagOf(m.version));
    return c.json(m, 200);
  },
);

mediators.openapi(
  createRoute({
    method: "patch",
    path: "/v1/mediators/{id}",
    summary: "Change a mediator's name, phone, renewed qualification or training (If-Match)",
    request: { params: IdParam, body: json(MediatorPatch) },
    responses: { 200: { description: "updated", ...json(Mediator) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const m = await store.loadMediator(db, c.req.valid("param").id);
    await assertMediatorWriter(c, { divisionCode: m.divisionCode });
    assertVersion(c, m.version);
    const { name, phone, qualification, trainedOn } = c.req.valid("json");
    if (name !== undefined && m.kind === "grid_worker")
      throw AppError.field("body.name", "a grid worker mediates under the roster's name", "unprocessable");
    // A renewed qualification must be valid today, as at registration.
    if (qualification || trainedOn)
      refuse(
        registrationRefusal(
          { qualification: qualification ?? m.qualification, trainedOn: trainedOn ?? m.trainedOn },
          today(),
        ),
      );
    const row = await store.patchMediator(db, m.id, m.version, {
      ...(name === undefined ? {} : { name }),
      ...(phone === undefined ? {} : await sealedPhone(await piiKeys(c.env.PII_KEY), phone)),
      ...(qualification === undefined ? {} : certificate(qualification)),
      ...(trainedOn === undefined ? {} : { trainedOn }),
    });
    if (!row) throw new AppError("precondition_failed", "the mediator changed while updating; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);

mediators.openapi(
  createRoute({
    method: "post",
    path: "/v1/mediators/{id}/deactivate",
    summary: "Take a mediator off the registry with a reason; disputes can no longer be assigned to them (If-Match)",
    request: { params: IdParam, body: json(MediatorDeactivation) },
    responses: { 200: { description: "deactivated", ...json(Mediator) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const m = await store.loadMediator(db, c.req.valid("param").id);
    await assertMediatorWriter(c, { divisionCode: m.divisionCode });
    assertVersion(c, m.version);
    if (!m.active) throw new AppError("invalid_transition", `mediator ${m.id} is already inactive`);
    const change = {
      active: false as const,
      deactivationReason: c.req.valid("json").reason,
      deactivatedAt: new Date().toISOString(),
    };
    const row = await store.patchMediator(db, m.id, m.version, change);
    if (!row) throw new AppError("precondition_failed", "the mediator changed while updating; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);
