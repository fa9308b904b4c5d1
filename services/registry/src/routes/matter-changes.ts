import { can } from "@civicgrid/auth";
import { ApproveMatterChange, MatterChangeRequest, NewMatterChangeRequest, RefuseMatterChange, divisionLevel, divisionPrefix, isWithinDivision, type Principal } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf, principalOf } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize, authorizeEver } from "../access";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { runBatch, versionGuard } from "../store/guard";
import { itemIn, listVersionOn } from "../store/matters";
import { newListVersion } from "../store/matter-versions";
import { flushOutbox } from "../store/outbox";
import { nowIso, shanghaiToday } from "../time";
import { jsonBody, jsonOf, refusals } from "./openapi";

export const matterChanges = createRouter<AppEnv>();
const Id = z.object({ id: z.string().regex(/^mcr-[0-9a-f-]{36}$/, "must be a change request id") });
interface Row {
  id: string; county_code: string; change: string; reason: string; status: MatterChangeRequest["status"]; requested_by: string; requester_unit: string;
  decided_by: string | null; decided_at: string | null; decision_note: string | null; list_number: number | null; version: number; created_at: string;
}
const requestOf = (r: Row): MatterChangeRequest => ({
  id: r.id, countyCode: r.county_code, change: JSON.parse(r.change), reason: r.reason, status: r.status, requestedBy: r.requested_by, requesterUnit: r.requester_unit,
  decidedBy: r.decided_by, decidedAt: r.decided_at, decisionNote: r.decision_note, listNumber: r.list_number, version: r.version, createdAt: r.created_at,
});
const unitOf = (p: Principal) => p.departmentId ?? p.divisionCode;

/**
 * Who may ask to change a county's lists (Jiangmen 第九条): one of the county's linkage departments, or a
 * township agency of the county. The county agency decides; it does not raise requests to itself.
 */
function mayRequest(p: Principal, countyCode: string): boolean {
  if (p.roles.includes("platform_admin")) return true;
  const own = { divisionCode: p.divisionCode, ...(p.departmentId ? { departmentId: p.departmentId } : {}) };
  if (!can(p, "matter:request-change", own) || !isWithinDivision(p.divisionCode, countyCode)) return false;
  if (p.roles.includes("department") && p.departmentId && p.divisionCode === countyCode) return true;
  return p.roles.includes("agency") && divisionLevel(p.divisionCode) === "township";
}

async function load(c: Context<AppEnv>, id: string): Promise<Row> {
  const row = await c.env.DB.prepare("SELECT * FROM matter_change_requests WHERE id = ?1").bind(id).first<Row>();
  if (!row) throw new AppError("not_found", `no change request ${id}`);
  const p = principalOf(c);
  if (!can(p, "matter:read", { divisionCode: row.county_code }) && row.requester_unit !== unitOf(p)) throw new AppError("forbidden", "this request is outside your jurisdiction");
  return row;
}

/** A pending request the caller may decide (county agency), read at the version the caller saw. */
async function forDecision(c: Context<AppEnv>, id: string): Promise<{ row: Row; decider: Principal }> {
  const row = await load(c, id);
  const decider = authorize(c, "matter:review-change", { divisionCode: row.county_code });
  if (row.status !== "pending") throw new AppError("invalid_transition", `the request is ${row.status}`);
  assertVersion(c, row.version);
  return { row, decider };
}

async function answer<S extends 200 | 201>(c: Context<AppEnv>, id: string, status: S) {
  const row = await load(c, id);
  c.header("etag", etagOf(row.version));
  return c.json(requestOf(row), status);
}

matterChanges.openapi(
  createRoute({ method: "post", path: "/v1/matters/change-requests", summary: "Ask to add or withdraw an item of a county's admission or forbidden list", request: jsonBody(NewMatterChangeRequest), responses: { 201: jsonOf(MatterChangeRequest, "the pending request"), ...refusals } }),
  async (c) => {
    const body = c.req.valid("json");
    const p = principalOf(c);
    const category = body.change.action === "add" ? (body.change.item.categoryCode ?? undefined) : undefined;
    // A county's lists are changed at the request of units inside the county (Jiangmen 第九条): the county is in
    // reach of a caller inside it, and of an agency above it; never of another county's units.
    await assertNamed(c, [ref("body.countyCode", "division", body.countyCode, "matter:request-change"), ref("body.change.item.categoryCode", "matter", category, "matter:read")], (scope, named) =>
      named.kind === "division" && isWithinDivision(p.divisionCode, named.id) ? { divisionCode: p.divisionCode } : scope,
    );
    if (divisionLevel(body.countyCode) !== "county") throw AppError.field("body.countyCode", `${body.countyCode} is not a county`, "unprocessable");
    if (!mayRequest(p, body.countyCode)) throw new AppError("forbidden", "changes to a county's lists are requested by its departments or township agencies");
    const id = `mcr-${crypto.randomUUID()}`;
    await c.env.DB.prepare("INSERT INTO matter_change_requests (id, county_code, change, reason, status, requested_by, requester_unit, created_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7)")
      .bind(id, body.countyCode, JSON.stringify(body.change), body.reason, p.sub, unitOf(p), nowIso())
      .run();
    c.header("location", `/v1/matters/change-requests/${id}`);
    return answer(c, id, 201);
  },
);

matterChanges.openapi(
  createRoute({
    method: "get",
    path: "/v1/matters/change-requests",
    summary: "Change requests of the counties in your jurisdiction, or raised by your unit, newest first",
    request: { query: z.object({ status: MatterChangeRequest.shape.status.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    responses: { 200: jsonOf(z.object({ items: z.array(MatterChangeRequest) }), "the requests"), ...refusals },
  }),
  async (c) => {
    const p = authorizeEver(c, "matter:read");
    const { status, limit } = c.req.valid("query");
    const prefix = p.roles.includes("platform_admin") ? "" : divisionPrefix(p.divisionCode);
    const { results } = await c.env.DB.prepare(
      "SELECT * FROM matter_change_requests WHERE (county_code LIKE ?1 OR requester_unit = ?2) AND (?3 IS NULL OR status = ?3) ORDER BY created_at DESC LIMIT ?4",
    )
      .bind(`${prefix}%`, unitOf(p), status ?? null, limit)
      .all<Row>();
    return c.json({ items: results.map(requestOf) }, 200);
  },
);

matterChanges.openapi(
  createRoute({ method: "get", path: "/v1/matters/change-requests/{id}", summary: "A change request", request: { params: Id }, responses: { 200: jsonOf(MatterChangeRequest, "the request"), ...refusals } }),
  async (c) => answer(c, c.req.valid("param").id, 200),
);

matterChanges.openapi(
  createRoute({
    method: "post",
    path: "/v1/matters/change-requests/{id}/approve",
    summary: "Approve a change (county agency): files a new version of the county's lists with the city",
    request: { params: Id, ...jsonBody(ApproveMatterChange) },
    responses: { 200: jsonOf(MatterChangeRequest, "the approved request"), ...refusals },
  }),
  async (c) => {
    const db = c.env.DB;
    const { row, decider: p } = await forDecision(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    const change = requestOf(row).change;
    const latest = await listVersionOn(db, row.county_code, null);
    const effectiveDate = body.effectiveDate ?? [shanghaiToday(), latest?.effective_date ?? ""].sort().at(-1) ?? shanghaiToday();
    const earliest = [shanghaiToday(), latest?.effective_date ?? ""].sort().at(-1) ?? "";
    if (effectiveDate < earliest) throw AppError.field("body.effectiveDate", `must be ${earliest} or later`, "unprocessable");
    const matterCode = change.action === "add" ? change.item.matterCode : change.matterCode;
    const present = latest ? await itemIn(db, row.county_code, latest.number, matterCode) : null;
    if (change.action === "add" && present) throw new AppError("conflict", `matter ${matterCode} is already on the ${present.list} list; withdraw it first`);
    if (change.action === "withdraw" && present?.list !== change.list) throw new AppError("conflict", `matter ${matterCode} is not on the ${change.list} list`);
    if (change.action === "add" && change.item.categoryCode && !(await db.prepare("SELECT 1 AS x FROM matter_categories WHERE code = ?1").bind(change.item.categoryCode).first())) {
      throw new AppError("unprocessable", `category ${change.item.categoryCode} is not in the city's catalogue`);
    }
    const number = (latest?.number ?? 0) + 1;
    await runBatch(db, [
      versionGuard(db, "matter_change_requests", row.id, row.version),
      ...newListVersion(db, { countyCode: row.county_code, previous: latest?.number ?? 0, effectiveDate, changeRequestId: row.id, approvedBy: p.sub, change }),
      db.prepare("UPDATE matter_change_requests SET status = 'approved', decided_by = ?2, decided_at = ?3, decision_note = ?4, list_number = ?5, version = version + 1 WHERE id = ?1")
        .bind(row.id, p.sub, nowIso(), body.note ?? null, number),
    ]);
    await flushOutbox(db, c.env);
    return answer(c, row.id, 200);
  },
);

matterChanges.openapi(
  createRoute({ method: "post", path: "/v1/matters/change-requests/{id}/refuse", summary: "Refuse a change (county agency), with the reason", request: { params: Id, ...jsonBody(RefuseMatterChange) }, responses: { 200: jsonOf(MatterChangeRequest, "the refused request"), ...refusals } }),
  async (c) => {
    const db = c.env.DB;
    const { row, decider: p } = await forDecision(c, c.req.valid("param").id);
    await runBatch(db, [
      versionGuard(db, "matter_change_requests", row.id, row.version),
      db.prepare("UPDATE matter_change_requests SET status = 'refused', decided_by = ?2, decided_at = ?3, decision_note = ?4, version = version + 1 WHERE id = ?1").bind(row.id, p.sub, nowIso(), c.req.valid("json").note),
    ]);
    return answer(c, row.id, 200);
  },
);
