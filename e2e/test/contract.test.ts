import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { origin, tokenFor } from "./client";
import { report } from "./cases-client";
import { answerChecker, loadDoc, operations, type Doc, type Method } from "./openapi-doc";
import { pointIn, WORKER_GRID } from "./places";

const worker = "demo-grid-worker";
const county = "demo-county-agency-440703";
const hazard = (title: string, description: string) => ({
  title,
  description,
  categoryCode: "0801",
  ...pointIn(WORKER_GRID),
});

describe("the merged /openapi.json", () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await loadDoc();
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it("gives every operation a unique operationId, a summary and its security requirement", () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const { method, path, op } of operations(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${name}: no operationId`);
      else if (seen.has(op.operationId))
        problems.push(`${name}: operationId ${op.operationId} also on ${seen.get(op.operationId)}`);
      else seen.set(op.operationId, name);
      if (!op.summary?.trim()) problems.push(`${name}: no summary`);
      // Public routes say so with an empty requirement (`security: []`); the others name their scheme.
      if (!Array.isArray(op.security)) problems.push(`${name}: no security requirement`);
    }
    expect(problems).toEqual([]);
  });
});

describe("live answers match the documented schema for their status and content type", () => {
  let check: Awaited<ReturnType<typeof answerChecker>>;
  beforeAll(async () => {
    check = await answerChecker();
  });

  type Init = { as?: string; body?: unknown; headers?: Record<string, string> };
  async function send(method: Method, template: string, path: string, init: Init = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.as) headers.authorization = `Bearer ${await tokenFor(init.as)}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const res = await fetch(`${origin}${path}`, { method: method.toUpperCase(), headers, body });
    const copy = res.clone();
    await check(method, template, res);
    return copy;
  }

  it("a grid read", async () => {
    expect((await send("get", "/v1/grids/{code}", `/v1/grids/${WORKER_GRID}`, { as: county })).status).toBe(200);
  });

  it("a point lookup batch with a point outside every grid", async () => {
    const points = [pointIn(WORKER_GRID), { lng: 100.5, lat: 30.5 }];
    const res = await send("post", "/v1/lookup/batch", "/v1/lookup/batch", { as: county, body: { points } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(2);
  });

  it("a case report and a case read", async () => {
    const body = hazard("消防通道堵塞", "小区消防通道被私家车长期占用");
    const headers = { "idempotency-key": `e2e-${crypto.randomUUID()}` };
    const created = await send("post", "/v1/cases", "/v1/cases", { as: worker, body, headers });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await send("get", "/v1/cases/{id}", `/v1/cases/${id}`, { as: county })).status).toBe(200);
  });

  it("a list and its next page by cursor", async () => {
    for (let i = 0; i < 2; i++) await report(worker, hazard("路面积水", "雨后路面积水严重"));
    const first = await send("get", "/v1/cases", "/v1/cases?limit=1", { as: county });
    const { nextCursor } = (await first.json()) as { nextCursor: string | null };
    expect(nextCursor).toBeTruthy();
    expect(
      (await send("get", "/v1/cases", `/v1/cases?limit=1&cursor=${encodeURIComponent(nextCursor!)}`, { as: county }))
        .status,
    ).toBe(200);
  });

  it("a public disclosure of a grid", async () => {
    expect((await send("get", "/v1/public/grids/{code}", `/v1/public/grids/${WORKER_GRID}`)).status).toBe(200);
  });

  it("the Open311 service list in JSON and in XML", async () => {
    const json = await send(
      "get",
      "/open311/v2/services.json",
      "/open311/v2/services.json?jurisdiction_id=440703000000",
    );
    expect(json.status).toBe(200);
    const xml = await send("get", "/open311/v2/services.xml", "/open311/v2/services.xml?jurisdiction_id=440703000000");
    expect(xml.status).toBe(200);
    expect(await xml.text()).toMatch(/^<\?xml[^>]*\?>\s*<services>/);
  });

  it("a 401 without a token", async () => {
    expect((await send("get", "/v1/cases", "/v1/cases")).status).toBe(401);
  });

  it("a 403 for a role that may not act", async () => {
    // A grid worker does not manage another county's settings.
    const res = await send("put", "/v1/roster/settings/{countyCode}", "/v1/roster/settings/440705000000", {
      as: worker,
      body: { fullTimeRequired: true, noticeWorkingDays: 5, minTrainingsPerYear: 2 },
      headers: { "if-match": '"v1"' },
    });
    expect(res.status).toBe(403);
  });

  it("a 404 for a case that does not exist", async () => {
    expect((await send("get", "/v1/cases/{id}", "/v1/cases/CASE-20260101-AAAAAAAAAA", { as: county })).status).toBe(
      404,
    );
  });

  it("a 422 for a dispatch to a department that does not exist", async () => {
    const c = await report(worker, hazard("广告牌松动", "沿街广告牌松动有坠落风险"));
    const res = await send("post", "/v1/cases/{id}/dispatch", `/v1/cases/${c.id}/dispatch`, {
      as: county,
      body: { leadDepartmentId: "dept-440703-nowhere" },
      headers: { "if-match": `"v${c.version}"` },
    });
    expect(res.status).toBe(422);
  });

  it("base data: a submission entered, listed and read, a record's history, a county's settings", async () => {
    const village = WORKER_GRID.slice(0, 12);
    const headers = () => ({ "idempotency-key": `e2e-${crypto.randomUUID()}` });
    const road = { kind: "address.create", level: "road", name: `契约路${Date.now() % 100_000}` };
    const created = await send("post", "/v1/basedata/submissions", "/v1/basedata/submissions", {
      as: "demo-village-agency",
      body: { villageCode: village, change: road, verifyNow: true },
      headers: headers(),
    });
    expect(created.status).toBe(201);
    const { id, recordId } = (await created.json()) as { id: string; recordId: string };
    const list = `/v1/basedata/submissions?villageCode=${village}&limit=1`;
    expect((await send("get", "/v1/basedata/submissions", list, { as: worker })).status).toBe(200);
    const one = `/v1/basedata/submissions/${id}`;
    expect((await send("get", "/v1/basedata/submissions/{id}", one, { as: county })).status).toBe(200);
    const history = `/v1/basedata/records/${recordId}/history`;
    expect((await send("get", "/v1/basedata/records/{id}/history", history, { as: county })).status).toBe(200);
    const settings = "/v1/basedata/settings/440703000000";
    expect((await send("get", "/v1/basedata/settings/{countyCode}", settings, { as: county })).status).toBe(200);
  });

  it("base data: a 400 naming the field, a 403 for another county, a 404 for an unknown submission", async () => {
    const bad = await send("post", "/v1/basedata/submissions", "/v1/basedata/submissions", {
      as: "demo-village-agency",
      body: { villageCode: "440703002000", change: { kind: "address.create", level: "road", name: "某路" } },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("body.villageCode");
    const list = `/v1/basedata/submissions?villageCode=${WORKER_GRID.slice(0, 12)}`;
    const other = await send("get", "/v1/basedata/submissions", list, { as: "demo-county-agency-440705" });
    expect(other.status).toBe(403);
    const unknown = `/v1/basedata/submissions/su-${WORKER_GRID.slice(0, 12)}-999999`;
    expect((await send("get", "/v1/basedata/submissions/{id}", unknown, { as: county })).status).toBe(404);
  });

  it("a 412 for a command on a version that is no longer current", async () => {
    const c = await report(worker, hazard("树枝折断", "台风后树枝折断压在人行道上"));
    const stale = { "if-match": `"v${c.version + 5}"` };
    const res = await send("post", "/v1/cases/{id}/verify", `/v1/cases/${c.id}/verify`, {
      as: worker,
      body: {},
      headers: stale,
    });
    expect(res.status).toBe(412);
  });
});
