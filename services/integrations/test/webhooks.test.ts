import { asPrincipal, principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { base, createdEvent, newWebhookId, nowSeconds, PLATFORM, seedPlatform, sendWebhook } from "./helpers";

type Problem = { status: number; code: string; errors?: { field: string }[]; detail?: string };
type Answer = { caseId: string; status: string | null; orderId: string; type: string };

beforeAll(() => seedPlatform());

const inbound = (webhookId: string) =>
  env.DB.prepare("SELECT * FROM inbound_webhooks WHERE platform = ?1 AND webhook_id = ?2")
    .bind(PLATFORM, webhookId)
    .first<{ id: number; status: string; raw_body: string; attempts: number; error: string | null }>();

describe("inbound webhooks", () => {
  it("opens a case for a signed work order, storing the payload raw with its status", async () => {
    const id = newWebhookId();
    const raw = JSON.stringify(createdEvent("12345-20261102-0001"));
    const res = await sendWebhook(undefined, { id, raw });
    expect(res.status).toBe(201);
    const answer = await res.json<Answer>();
    expect(answer).toMatchObject({
      type: "work_order.created",
      orderId: "12345-20261102-0001",
      caseId: expect.stringMatching(/^CASE-/),
    });
    expect(await inbound(id)).toMatchObject({ status: "processed", raw_body: raw });
  });

  it("has one effect for a replayed webhook-id, and refuses the same id with another body", async () => {
    const id = newWebhookId();
    const event = createdEvent("12345-20261102-0002");
    const first = await sendWebhook(event, { id });
    const again = await sendWebhook(event, { id });
    expect(again.status).toBe(first.status);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM inbound_webhooks WHERE webhook_id = ?1")
      .bind(id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
    const other = await sendWebhook(createdEvent("12345-20261102-0099"), { id });
    expect(other.status).toBe(409);
  });

  it("refuses an unmapped category code by name, keeping the payload as rejected", async () => {
    const id = newWebhookId();
    const res = await sendWebhook(createdEvent("12345-20261102-0003", { categoryCode: "12345-9999" }), { id });
    expect(res.status).toBe(422);
    const body = await res.json<Problem>();
    expect(body.errors?.[0]?.field).toBe("body.data.categoryCode");
    expect(body.detail).toContain("12345-9999");
    expect(await inbound(id)).toMatchObject({ status: "rejected" });
  });

  it("answers an unknown event type clearly, and names an invalid field", async () => {
    const unknown = await sendWebhook({ type: "work_order.teleported", data: {} });
    expect(unknown.status).toBe(400);
    const u = await unknown.json<Problem & { knownTypes: string[] }>();
    expect(u.errors?.[0]?.field).toBe("body.type");
    expect(u.knownTypes).toContain("work_order.status_query");
    const invalid = await sendWebhook(createdEvent("12345-20261102-0004", { title: "", lat: "north" }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json<Problem>()).errors?.map((e) => e.field).sort()).toEqual([
      "body.data.lat",
      "body.data.title",
    ]);
  });

  it("refuses a bad signature, an old timestamp and missing headers, storing nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM inbound_webhooks").first<{ n: number }>();
    const forged = await sendWebhook(createdEvent("X-1"), { secrets: ["whsec_" + btoa("not-the-platform-secret!")] });
    expect(forged.status).toBe(401);
    const stale = await sendWebhook(createdEvent("X-2"), { timestamp: nowSeconds() - 301 });
    expect(await stale.json<Problem & { reason: string }>()).toMatchObject({
      status: 401,
      reason: "timestamp_out_of_tolerance",
    });
    const missing = await sendWebhook(createdEvent("X-3"), { headers: { "webhook-signature": undefined } });
    expect(missing.status).toBe(400);
    expect((await missing.json<Problem>()).errors?.[0]?.field).toBe("header.webhook-signature");
    const after = await env.DB.prepare("SELECT count(*) AS n FROM inbound_webhooks").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    expect((await sendWebhook(createdEvent("X-4"), { platform: "nobody" })).status).toBe(404);
  });

  it("answers status queries, applies updates and cancellations of known orders, refuses unknown orders", async () => {
    await sendWebhook(createdEvent("12345-20261102-0005"));
    const query = await sendWebhook({ type: "work_order.status_query", data: { orderId: "12345-20261102-0005" } });
    expect(await query.json<Answer>()).toMatchObject({ status: "reported" });
    const update = await sendWebhook({
      type: "work_order.updated",
      data: { orderId: "12345-20261102-0005", note: "市民补充：早上七点最严重" },
    });
    expect(update.status).toBe(200);
    const cancel = await sendWebhook({
      type: "work_order.cancelled",
      data: { orderId: "12345-20261102-0005", reason: "市民撤诉" },
    });
    expect(await cancel.json<Answer>()).toMatchObject({ status: "invalid" });
    const unknown = await sendWebhook({ type: "work_order.cancelled", data: { orderId: "never-sent", reason: "x" } });
    expect(unknown.status).toBe(404);
  });

  it("keeps a payload the cases service failed on, takes the platform's redelivery, and replays it on request", async () => {
    const id = newWebhookId();
    const event = createdEvent("12345-20261102-0006", { title: "cases-down" });
    const res = await sendWebhook(event, { id });
    expect(res.status).toBe(502);
    const row = await inbound(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    const redelivered = await sendWebhook(event, { id });
    expect(redelivered.status).toBe(502);
    expect(await inbound(id)).toMatchObject({ status: "failed", attempts: 2 });
    // The operator fixes the cause; here: the stored raw body is corrected by nobody, so the replay fails again
    // and the payload stays replayable. A replay of a processed payload is refused.
    const replay = await exports.default.fetch(`${base}/v1/integrations/inbound/${row?.id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: "failed", attempts: 3 });
    const processed = await env.DB.prepare("SELECT id FROM inbound_webhooks WHERE status = 'processed' LIMIT 1").first<{
      id: number;
    }>();
    const refused = await exports.default.fetch(`${base}/v1/integrations/inbound/${processed?.id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(refused.status).toBe(409);
  });

  it("stores a permanent refusal from cases as refused with its reason, and does not retry it on redelivery", async () => {
    const id = newWebhookId();
    const event = createdEvent("12345-20261102-0008", { title: "cases-refuses" });
    const res = await sendWebhook(event, { id });
    expect(res.status).toBe(422);
    expect(await res.json<Problem & { reason: string }>()).toMatchObject({
      reason: expect.stringContaining("forbidden list"),
    });
    expect(await inbound(id)).toMatchObject({
      status: "refused",
      attempts: 1,
      error: expect.stringContaining("forbidden list"),
    });
    const redelivered = await sendWebhook(event, { id });
    expect(redelivered.status).toBe(422);
    expect(redelivered.headers.get("idempotent-replayed")).toBe("true");
    expect(await inbound(id)).toMatchObject({ status: "refused", attempts: 1 });
    const listed = await exports.default.fetch(`${base}/v1/integrations/inbound?status=refused`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(
      (await listed.json<{ items: { webhookId: string; error: string }[] }>()).items.map((i) => i.webhookId),
    ).toEqual([id]);
  });

  it("replays a rejected payload once its mapping exists, and keeps admin routes to the platform's jurisdiction", async () => {
    const id = newWebhookId();
    await sendWebhook(createdEvent("12345-20261102-0007", { divisionCode: "JM-NEW" }), { id });
    const row = await inbound(id);
    expect(row?.status).toBe("rejected");
    const outsider = await exports.default.fetch(`${base}/v1/integrations/inbound/${row?.id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.countyAgency),
    });
    expect(outsider.status).toBe(403);
    await env.DB.prepare(
      `UPDATE platforms SET division_map = json_set(division_map, '$."JM-NEW"', '440703002000') WHERE id = ?1`,
    )
      .bind(PLATFORM)
      .run();
    const replay = await exports.default.fetch(`${base}/v1/integrations/inbound/${row?.id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(await replay.json()).toMatchObject({ status: "processed", caseId: expect.stringMatching(/^CASE-/) });
    const list = await exports.default.fetch(`${base}/v1/integrations/inbound?status=processed&limit=2`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    const page = await list.json<{ items: unknown[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const worker = await exports.default.fetch(`${base}/v1/integrations/inbound`, {
      headers: await asPrincipal(principals.gridWorker),
    });
    expect(worker.status).toBe(403);
    const platforms = await exports.default.fetch(`${base}/v1/integrations/platforms`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    const body = await platforms.json<{ items: { id: string; secretsConfigured: number }[] }>();
    expect(body.items.find((p) => p.id === PLATFORM)?.secretsConfigured).toBe(2);
    expect(JSON.stringify(body)).not.toContain("whsec_");
  });
});
