import { AppError, assertVersion, authorize, authorizeEver, createRouter, etagOf, principalOf } from "@civicgrid/http";
import { can } from "@civicgrid/auth";
import {
  ApproveMatterChange,
  MatterChangeRequest,
  NewMatterChangeRequest,
  RefuseMatterChange,
  divisionPrefix,
  isWithinDivision,
  type Principal,
} from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  decideApproval,
  decideRefusal,
  MATTER_CHANGE_LIFECYCLE,
  matterOf,
  matterStatusRefusal,
  mayRequest,
  type MatterChangeCommand,
} from "../domain/matter-change-lifecycle";
import { nowIso, shanghaiToday } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { dbOf, runBatch } from "../store/db";
import { category } from "../store/matter-catalogue";
import { changeRequest, changeRequests, decideChange, insertChangeRequest } from "../store/matter-changes";
import { itemIn, listVersionOn, newListVersion } from "../store/matters";
import { flushAfter } from "../store/outbox";
import { jsonBody, jsonOf, refusals } from "./openapi";
import { orRefuse, refusedError } from "./refused";

/** Changes to a county's lists: request, approve, refuse (the table in domain/matter-change-lifecycle.ts). */
export const matterChanges = createRouter<AppEnv>();
const Id = z.object({ id: z.string().regex(/^mcr-[0-9a-f-]{36}$/, "must be a change request id") });
const unitOf = (p: Principal) => p.departmentId ?? p.divisionCode;

/** A request the caller may read: of a county in their jurisdiction, or raised by their unit. */
async function load(c: Context<AppEnv>, id: string): Promise<MatterChangeRequest> {
  const request = await changeRequest(dbOf(c.env.DB), id);
  if (!request) throw new AppError("not_found", `no change request ${id}`);
  const p = principalOf(c);
  if (!can(p, "matter:read", { divisionCode: request.countyCode }) && request.requesterUnit !== unitOf(p)) {
    throw new AppError("forbidden", "this request is outside your jurisdiction");
  }
  return request;
}

/** A request the caller may decide (403), in a status the decision starts from (409), at the version read (412). */
async function forDecision(c: Context<AppEnv>, id: string, command: Exclude<MatterChangeCommand, "request">) {
  const request = await load(c, id);
  const { principal: decider } = authorize(c, MATTER_CHANGE_LIFECYCLE[command].who.action, {
    divisionCode: request.countyCode,
  });
  const wrongStatus = matterStatusRefusal(command, request.status);
  if (wrongStatus) throw refusedError(wrongStatus);
  assertVersion(c, request.version);
  return { request, decider };
}

async function answer<S extends 200 | 201>(c: Context<AppEnv>, id: string, status: S) {
  const request = await load(c, id);
  c.header("etag", etagOf(request.version));
  return c.json(request, status);
}

matterChanges.openapi(
  createRoute({
    method: "post",
    path: "/v1/matters/change-requests",
    summary: "Ask to add or withdraw an item of a county's admission or forbidden list",
    request: jsonBody(NewMatterChangeRequest),
    responses: { 201: jsonOf(MatterChangeRequest, "the pending request"), ...refusals },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const p = principalOf(c);
    const categoryCode = body.change.action === "add" ? (body.change.item.categoryCode ?? undefined) : undefined;
    const { action } = MATTER_CHANGE_LIFECYCLE.request.who;
    // A county's lists are changed at the request of units inside the county (Jiangmen 第九条): the county is in
    // reach of a caller inside it, and of an agency above it; never of another county's units.
    await assertNamed(
      c,
      [
        ref("body.countyCode", "division", body.countyCode, action),
        ref("body.change.item.categoryCode", "matter", categoryCode, "matter:read"),
      ],
      (scope, named) =>
        named.kind === "division" && isWithinDivision(p.divisionCode, named.id)
          ? { divisionCode: p.divisionCode }
          : scope,
    );
    const notCounty = MATTER_CHANGE_LIFECYCLE.request.guard({ countyCode: body.countyCode });
    if (notCounty) throw refusedError(notCounty);
    if (!mayRequest(p, body.countyCode))
      throw new AppError(
        "forbidden",
        "changes to a county's lists are requested by its departments or township agencies",
      );
    const id = `mcr-${crypto.randomUUID()}`;
    const request = {
      id,
      countyCode: body.countyCode,
      change: body.change,
      reason: body.reason,
      requestedBy: p.sub,
      requesterUnit: unitOf(p),
    };
    await insertChangeRequest(dbOf(c.env.DB), { ...request, createdAt: nowIso() });
    c.header("location", `/v1/matters/change-requests/${id}`);
    return answer(c, id, 201);
  },
);

matterChanges.openapi(
  createRoute({
    method: "get",
    path: "/v1/matters/change-requests",
    summary: "Change requests of the counties in your jurisdiction, or raised by your unit, newest first",
    request: {
      query: z.object({
        status: MatterChangeRequest.shape.status.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: jsonOf(z.object({ items: z.array(MatterChangeRequest) }), "the requests"), ...refusals },
  }),
  async (c) => {
    const p = authorizeEver(c, "matter:read");
    const { status, limit } = c.req.valid("query");
    const prefix = p.roles.includes("platform_admin") ? "" : divisionPrefix(p.divisionCode);
    return c.json({ items: await changeRequests(dbOf(c.env.DB), { prefix, unit: unitOf(p), status, limit }) }, 200);
  },
);

matterChanges.openapi(
  createRoute({
    method: "get",
    path: "/v1/matters/change-requests/{id}",
    summary: "A change request",
    request: { params: Id },
    responses: { 200: jsonOf(MatterChangeRequest, "the request"), ...refusals },
  }),
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
    const db = dbOf(c.env.DB);
    const { request, decider } = await forDecision(c, c.req.valid("param").id, "approve");
    const body = c.req.valid("json");
    const { change, countyCode } = request;
    const latest = await listVersionOn(db, countyCode, null);
    const present = latest ? await itemIn(db, countyCode, latest.number, matterOf(change)) : undefined;
    const named = change.action === "add" ? change.item.categoryCode : null;
    const categoryKnown = named ? (await category(db, named)) !== undefined : true;
    const decided = orRefuse(
      decideApproval({
        actor: decider.sub,
        now: nowIso(),
        today: shanghaiToday(),
        change,
        note: body.note ?? null,
        ...(body.effectiveDate ? { effectiveDate: body.effectiveDate } : {}),
        latest: latest ?? null,
        present: present ?? null,
        categoryKnown,
      }),
    );
    const previous = latest?.number ?? 0;
    const filed = newListVersion(db, {
      countyCode,
      previous,
      effectiveDate: decided.effectiveDate,
      changeRequestId: request.id,
      approvedBy: decider.sub,
      change,
    });
    await runBatch(db, decideChange(db, request, "approve", decided.effect, filed));
    await flushAfter(db, c.env);
    return answer(c, request.id, 200);
  },
);

matterChanges.openapi(
  createRoute({
    method: "post",
    path: "/v1/matters/change-requests/{id}/refuse",
    summary: "Refuse a change (county agency), with the reason",
    request: { params: Id, ...jsonBody(RefuseMatterChange) },
    responses: { 200: jsonOf(MatterChangeRequest, "the refused request"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { request, decider } = await forDecision(c, c.req.valid("param").id, "refuse");
    const effect = orRefuse(decideRefusal({ actor: decider.sub, now: nowIso(), note: c.req.valid("json").note }));
    await runBatch(db, decideChange(db, request, "refuse", effect));
    return answer(c, request.id, 200);
  },
);
