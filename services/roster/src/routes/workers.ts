import { createRoute, z } from "@hono/zod-openapi";
import {
  genderOfId,
  idNumberBirthDate,
  maskIdNumber,
  NewWorker,
  PageQuery,
  pageOf,
  StatusChange,
  StatusEntry,
  Worker,
  WorkerPatch,
  WorkerPii,
} from "@civicgrid/contracts";
import { grantingRoles } from "@civicgrid/auth";
import {
  AppError,
  assertVersion,
  authorize,
  createRouter,
  decodeCursor,
  etagOf,
  listScope,
  log,
  principalOf,
  toPage,
} from "@civicgrid/http";
import { today } from "../domain/dates";

import { statusChangeRefusal } from "../domain/worker-status";
import type { AppEnv } from "../env";
import { decrypt, encrypt, idHash, piiKeys } from "@civicgrid/http/pii";
import { assertRosterReferences, ref } from "../references";
import { refuse } from "../refuse";
import { sealedPhone } from "../sealed-phone";
import { dbOf } from "../store/db";
import { flushAfterWrite } from "../store/grid-events";
import { writeStatusChange } from "../store/worker-status";
import * as store from "../store/workers";
import { workerScope } from "../domain/scopes";

export const workers = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(80) });

workers.openapi(
  createRoute({
    method: "post",
    path: "/v1/workers",
    summary: "An agency or HR registers a worker (网格员) in its division; one entry per ID number, stored encrypted",
    request: { body: json(NewWorker) },
    responses: { 201: { description: "created", ...json(Worker) } },
  }),
  async (c) => {
    const body = c.req.valid("json");
    await assertRosterReferences(c, [
      ref("body.divisionCode", "division", body.divisionCode, "worker:write"),
      ref("body.departmentId", "department", body.departmentId, "worker:write"),
    ]);
    const keys = await piiKeys(c.env.PII_KEY);
    const hash = await idHash(keys, body.idNumber);
    const db = dbOf(c.env.DB);
    const dup = await store.workerByIdHash(db, hash);
    if (dup) {
      const detail = "a worker with this ID number is already on the roster";
      throw new AppError("conflict", detail, { extra: { workerId: dup } });
    }
    const id = `worker-${crypto.randomUUID()}`;
    const worker = {
      id,
      name: body.name,
      idCipher: await encrypt(keys, body.idNumber),
      idHash: hash,
      idMasked: maskIdNumber(body.idNumber),
      ...(await sealedPhone(keys, body.privatePhone)),
      workPhone: body.workPhone,
      gender: genderOfId(body.idNumber),
      birthDate: idNumberBirthDate(body.idNumber)!, // IdNumber has validated the date
      politicalStatus: body.politicalStatus,
      divisionCode: body.divisionCode,
      orgUnit: body.orgUnit,
      departmentId: body.departmentId ?? null,
    };
    await store.insertWorker(db, worker, principalOf(c).sub, new Date().toISOString());
    const row = await store.loadWorker(db, id);
    c.header("etag", etagOf(row.version));
    c.header("location", `/v1/workers/${id}`);
    return c.json(row, 201);
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers",
    summary: "Workers in your division or a division within it, optionally by status; private data masked",
    request: {
      query: PageQuery.extend({
        divisionCode: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
        status: Worker.shape.status.optional(),
      }),
    },
    responses: { 200: { description: "a page", ...json(pageOf(Worker)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { scope } = await listScope(c, "worker:read", q.divisionCode);
    const after = String(decodeCursor(q.cursor, 1)?.[0] ?? "");
    const rows = await store.listWorkers(dbOf(c.env.DB), { scope, after, status: q.status, limit: q.limit });
    return c.json(
      toPage(rows, q.limit, (w) => [w.id]),
      200,
    );
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}",
    summary: "One worker, private data masked, with its ETag",
    request: { params: IdParam },
    responses: { 200: { description: "a worker", ...json(Worker) } },
  }),
  async (c) => {
    const row = await store.loadWorker(dbOf(c.env.DB), c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(row));
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);

workers.openapi(
  createRoute({
    method: "patch",
    path: "/v1/workers/{id}",
    summary: "An agency or HR changes a worker's name, phones, political status or org unit (If-Match)",
    request: { params: IdParam, body: json(WorkerPatch) },
    responses: { 200: { description: "updated", ...json(Worker) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const row = await store.loadWorker(db, c.req.valid("param").id);
    authorize(c, "worker:write", workerScope(row));
    assertVersion(c, row.version);
    const { privatePhone, ...patch } = c.req.valid("json");
    const keys = await piiKeys(c.env.PII_KEY);
    const phone = privatePhone ? await sealedPhone(keys, privatePhone) : {};
    const updated = await store.patchWorker(db, row.id, row.version, { ...patch, ...phone });
    if (!updated) throw new AppError("precondition_failed", "the worker changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(updated, 200);
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}/pii",
    summary: "HR in the worker's jurisdiction reads the full ID number and private phone; every read is audited",
    request: { params: IdParam },
    responses: { 200: { description: "the full ID number and private phone (HR only, audited)", ...json(WorkerPii) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const row = await store.loadWorker(db, c.req.valid("param").id);
    const p = principalOf(c);
    // Only an HR role reads private data in full; platform admins and agencies see it masked like everyone else.
    if (!grantingRoles(p, "worker:read-pii", workerScope(row)).includes("hr"))
      throw new AppError("forbidden", "only HR in this worker's jurisdiction may read private data in full");
    const keys = await piiKeys(c.env.PII_KEY);
    const requestId = c.get("requestId");
    const ciphers = await store.workerCiphers(db, row.id);
    await store.recordPiiRead(db, { workerId: row.id, readerSub: p.sub, requestId, at: new Date().toISOString() });
    log("info", "pii read", { service: "roster", workerId: row.id, reader: p.sub, requestId });
    c.header("cache-control", "no-store");
    const { idCipher, phoneCipher } = ciphers!;
    const [idNumber, privatePhone] = await Promise.all([decrypt(keys, idCipher), decrypt(keys, phoneCipher)]);
    return c.json({ workerId: row.id, idNumber, privatePhone }, 200);
  },
);

workers.openapi(
  createRoute({
    method: "post",
    path: "/v1/workers/{id}/status",
    summary: "An agency or HR suspends, reinstates or dismisses a worker; dismissal ends duty and logins (If-Match)",
    request: { params: IdParam, body: json(StatusChange) },
    responses: { 200: { description: "changed", ...json(Worker) } },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const row = await store.loadWorker(db, c.req.valid("param").id);
    const { principal } = authorize(c, "worker:write", workerScope(row));
    assertVersion(c, row.version);
    const { status, reason } = c.req.valid("json");
    refuse(statusChangeRefusal(row.status, status));
    const change = { worker: row, status, reason, bySub: principal.sub, now: new Date().toISOString(), today: today() };
    if (!(await writeStatusChange(db, change))) {
      throw new AppError("precondition_failed", "the worker changed while updating; read it again");
    }
    await flushAfterWrite(c.env);
    const updated = await store.loadWorker(db, row.id);
    c.header("etag", etagOf(updated.version));
    return c.json(updated, 200);
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}/history",
    summary: "A worker's status changes with reason and author, oldest first",
    request: { params: IdParam },
    responses: {
      200: { description: "status history, oldest first", ...json(z.object({ items: z.array(StatusEntry) })) },
    },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const row = await store.loadWorker(db, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(row));
    return c.json({ items: await store.statusHistory(db, row.id) }, 200);
  },
);
