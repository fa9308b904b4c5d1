import { createRoute, z } from "@hono/zod-openapi";
import { genderOfId, idNumberBirthDate, NewWorker, PageQuery, pageOf, StatusChange, StatusEntry, Worker, WorkerPatch, WorkerPii } from "@civicgrid/contracts";
import { grantingRoles } from "@civicgrid/auth";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, log, principalOf, toPage } from "@civicgrid/http";
import { authorize, listScope } from "../access";
import { decrypt, encrypt, idHash, maskIdNumber, maskPhone, piiKeys } from "../domain/pii";
import { loadWorker, toWorker, workerScope, type WorkerRow } from "../domain/rows";
import { changeWorkerStatus } from "../domain/worker-status";
import type { AppEnv } from "../env";
import { assertRosterReferences, ref } from "../references";

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
    const dup = await c.env.DB.prepare("SELECT id FROM workers WHERE id_hash = ?1").bind(hash).first<{ id: string }>();
    if (dup) throw new AppError("conflict", "a worker with this ID number is already on the roster", { extra: { workerId: dup.id } });
    const id = `worker-${crypto.randomUUID()}`;
    const now = new Date().toISOString();
    const p = principalOf(c);
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO workers (id, name, id_cipher, id_hash, id_masked, phone_cipher, phone_masked, work_phone, gender, birth_date,
           political_status, division_code, org_unit, department_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)`,
      ).bind(
        id, body.name, await encrypt(keys, body.idNumber), hash, maskIdNumber(body.idNumber), await encrypt(keys, body.privatePhone), maskPhone(body.privatePhone),
        body.workPhone, genderOfId(body.idNumber), idNumberBirthDate(body.idNumber), body.politicalStatus, body.divisionCode, body.orgUnit, body.departmentId ?? null, now,
      ),
      c.env.DB.prepare("INSERT INTO worker_status_history (worker_id, status, reason, at, by_sub) VALUES (?1, 'active', 'registered', ?2, ?3)").bind(id, now, p.sub),
    ]);
    const row = await loadWorker(c.env.DB, id);
    c.header("etag", etagOf(row.version));
    c.header("location", `/v1/workers/${id}`);
    return c.json(toWorker(row), 201);
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers",
    summary: "Workers in your division or a division within it, optionally by status; private data masked",
    request: { query: PageQuery.extend({ divisionCode: z.string().regex(/^\d{12}$/).optional(), status: Worker.shape.status.optional() }) },
    responses: { 200: { description: "a page", ...json(pageOf(Worker)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { prefix } = await listScope(c, "worker:read", q.divisionCode);
    const after = decodeCursor(q.cursor, 1);
    const { results } = await c.env.DB.prepare(
      "SELECT * FROM workers WHERE division_code LIKE ?1 AND id > ?2 AND (?3 IS NULL OR status = ?3) ORDER BY id LIMIT ?4",
    ).bind(`${prefix}%`, after?.[0] ?? "", q.status ?? null, q.limit + 1).all<WorkerRow>();
    const page = toPage(results, q.limit, (w) => [w.id]);
    return c.json({ items: page.items.map(toWorker), nextCursor: page.nextCursor }, 200);
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
    const row = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(row));
    c.header("etag", etagOf(row.version));
    return c.json(toWorker(row), 200);
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
    const row = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "worker:write", workerScope(row));
    assertVersion(c, row.version);
    const patch = c.req.valid("json");
    const keys = await piiKeys(c.env.PII_KEY);
    const phone = patch.privatePhone ? { cipher: await encrypt(keys, patch.privatePhone), masked: maskPhone(patch.privatePhone) } : undefined;
    const updated = await c.env.DB.prepare(
      `UPDATE workers SET name = coalesce(?3, name), work_phone = coalesce(?4, work_phone), political_status = coalesce(?5, political_status),
         org_unit = coalesce(?6, org_unit), phone_cipher = coalesce(?7, phone_cipher), phone_masked = coalesce(?8, phone_masked), version = version + 1
       WHERE id = ?1 AND version = ?2 RETURNING *`,
    ).bind(row.id, row.version, patch.name ?? null, patch.workPhone ?? null, patch.politicalStatus ?? null, patch.orgUnit ?? null, phone?.cipher ?? null, phone?.masked ?? null)
      .first<WorkerRow>();
    if (!updated) throw new AppError("precondition_failed", "the worker changed while updating; read it again");
    c.header("etag", etagOf(updated.version));
    return c.json(toWorker(updated), 200);
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
    const row = await loadWorker(c.env.DB, c.req.valid("param").id);
    const p = principalOf(c);
    // Only an HR role reads private data in full; platform admins and agencies see it masked like everyone else.
    if (!grantingRoles(p, "worker:read-pii", workerScope(row)).includes("hr")) throw new AppError("forbidden", "only HR in this worker's jurisdiction may read private data in full");
    const keys = await piiKeys(c.env.PII_KEY);
    const requestId = c.get("requestId");
    await c.env.DB.prepare("INSERT INTO pii_reads (worker_id, reader_sub, request_id, at) VALUES (?1, ?2, ?3, ?4)").bind(row.id, p.sub, requestId, new Date().toISOString()).run();
    log("info", "pii read", { service: "roster", workerId: row.id, reader: p.sub, requestId });
    c.header("cache-control", "no-store");
    return c.json({ workerId: row.id, idNumber: await decrypt(keys, row.id_cipher), privatePhone: await decrypt(keys, row.phone_cipher) }, 200);
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
    const row = await loadWorker(c.env.DB, c.req.valid("param").id);
    const { principal } = authorize(c, "worker:write", workerScope(row));
    assertVersion(c, row.version);
    const updated = await changeWorkerStatus(c.env, row, c.req.valid("json"), principal.sub);
    c.header("etag", etagOf(updated.version));
    return c.json(toWorker(updated), 200);
  },
);

workers.openapi(
  createRoute({
    method: "get",
    path: "/v1/workers/{id}/history",
    summary: "A worker's status changes with reason and author, oldest first",
    request: { params: IdParam },
    responses: { 200: { description: "status history, oldest first", ...json(z.object({ items: z.array(StatusEntry) })) } },
  }),
  async (c) => {
    const row = await loadWorker(c.env.DB, c.req.valid("param").id);
    authorize(c, "worker:read", workerScope(row));
    const { results } = await c.env.DB.prepare("SELECT status, reason, at, by_sub AS bySub FROM worker_status_history WHERE worker_id = ?1 ORDER BY at, rowid").bind(row.id).all<z.infer<typeof StatusEntry>>();
    return c.json({ items: results }, 200);
  },
);
