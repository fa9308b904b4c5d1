import { asPrincipal, principals, watchedBatch } from "@civicgrid/testing";
import { createExecutionContext, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { backoffSeconds } from "../src/domain/backoff";
import { CALLBACK_MAX_RETRIES } from "../src/env";
import { INTERNAL_ORIGIN } from "../src/queue/callbacks";
import IntegrationsService from "../src/index";
import { base, PLATFORM, SECRETS, seedPlatform } from "./helpers";

const caseEvent = (caseId: string, version: number, external: { platform: string; orderId: string } | null) => ({
  id: `${caseId}:${version}`,
  type: "case.dispatched",
  source: "cases",
  aggregateId: caseId,
  version,
  occurredAt: "2026-11-02T10:00:00+08:00",
  data: {
    caseId,
    status: "dispatched",
    previousStatus: "accepted",
    title: "占道",
    categoryCode: "urban.street_vending",
    priority: "normal",
    source: "platform",
    gridCode: "440703001001001",
    villageCode: "440703001001",
    townshipCode: "440703001000",
    countyCode: "440703000000",
    holderDivisionCode: "440703000000",
    leadDepartmentId: "dept-440703-urban_management",
    assistingDepartmentIds: [],
    actor: { sub: "t-county-pj", role: "agency", unit: "440703000000" },
    step: "sign",
    dueAt: null,
    warnAt: null,
    responsibleUnit: "dept-440703-urban_management",
    external,
  },
});

/** Runs one batch through the service's queue handler; getQueueResult does not report retry delays, so they are watched here. */
async function runQueue(queue: string, bodies: unknown[], attempts = 1) {
  const { batch, delays } = watchedBatch(queue, bodies, attempts);
  const ctx = createExecutionContext();
  await new IntegrationsService(ctx, env).queue(batch);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

const delivery = (caseId: string) =>
  env.DB.prepare("SELECT * FROM deliveries WHERE case_id = ?1")
    .bind(caseId)
    .first<{ id: string; status: string; attempts: number; payload: string }>();

describe("outbound callbacks", () => {
  beforeAll(() => seedPlatform(`${env.TEST_PLATFORM_URL}?fail=503`));

  it("turns only platform cases' events into one delivery each, however often they arrive", async () => {
    await runQueue("civicgrid-case-events-integrations", [
      caseEvent("CASE-20261102-AAAAAAAAAB", 3, { platform: PLATFORM, orderId: "O-1" }),
      caseEvent("CASE-20261102-AAAAAAAAAC", 3, null),
    ]);
    await runQueue("civicgrid-case-events-integrations", [
      caseEvent("CASE-20261102-AAAAAAAAAB", 3, { platform: PLATFORM, orderId: "O-1" }),
    ]);
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE case_id LIKE 'CASE-20261102-AAAAAAAAA%'",
    ).first<{ n: number }>();
    expect(rows?.n).toBe(1);
    const d = await delivery("CASE-20261102-AAAAAAAAAB");
    expect(JSON.parse(d?.payload ?? "{}")).toMatchObject({
      type: "work_order.progress",
      data: { orderId: "O-1", status: "dispatched", version: 3 },
    });
  });

  it("retries an unreadable case event until it is dead-lettered, and acknowledges one no platform pushed", async () => {
    const none = caseEvent("CASE-20261102-AAAAAAAAAF", 1, null);
    const result = await runQueue("civicgrid-case-events-integrations", [{ not: "a case event" }, none]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(1);
  });

  it("retries a failing platform with backoff, dead-letters it, and delivers it on replay", async () => {
    const d = await delivery("CASE-20261102-AAAAAAAAAB");
    const id = d?.id ?? "";
    const first = await runQueue("civicgrid-integrations-callbacks", [{ deliveryId: id }]);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toHaveLength(1);
    expect(first.delays).toEqual([backoffSeconds(1)]);
    // The last attempt the queue allows (max_retries = 8, so the ninth): it fails too, and the delivery is dead.
    const second = await runQueue("civicgrid-integrations-callbacks", [{ deliveryId: id }], CALLBACK_MAX_RETRIES + 1);
    expect(second.delays).toEqual([backoffSeconds(2)]);
    expect(backoffSeconds(2)).toBe(2 * backoffSeconds(1));
    expect((await delivery("CASE-20261102-AAAAAAAAAB"))?.status).toBe("dead");

    await env.DB.prepare("UPDATE platforms SET callback_url = ?2 WHERE id = ?1")
      .bind(PLATFORM, env.TEST_PLATFORM_URL)
      .run();
    const outsider = await exports.default.fetch(`${base}/v1/integrations/deliveries/${id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.otherCountyAgency),
    });
    expect(outsider.status).toBe(403);
    const replay = await exports.default.fetch(`${base}/v1/integrations/deliveries/${id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(replay.status).toBe(202);
    const third = await runQueue("civicgrid-integrations-callbacks", [{ deliveryId: id }]);
    expect(third.explicitAcks).toHaveLength(1);
    const log = await exports.default.fetch(`${base}/v1/integrations/deliveries/${id}`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    const body = await log.json<{ status: string; attempts: number; log: { httpStatus: number | null }[] }>();
    expect(body).toMatchObject({ status: "delivered", attempts: 3 });
    expect(body.log.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
    const again = await exports.default.fetch(`${base}/v1/integrations/deliveries/${id}/replay`, {
      method: "POST",
      headers: await asPrincipal(principals.cityAgency),
    });
    expect(again.status).toBe(409);
    const list = await exports.default.fetch(`${base}/v1/integrations/deliveries?status=delivered`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    expect((await list.json<{ items: { id: string }[] }>()).items.map((i) => i.id)).toContain(id);
  });

  it("signs callbacks so that the local receiver verifies them", async () => {
    await env.DB.prepare("UPDATE platforms SET callback_url = ?2 WHERE id = ?1")
      .bind(PLATFORM, `${INTERNAL_ORIGIN}/v1/integrations/receiver/${PLATFORM}`)
      .run();
    await runQueue("civicgrid-case-events-integrations", [
      caseEvent("CASE-20261102-AAAAAAAAAD", 5, { platform: PLATFORM, orderId: "O-2" }),
    ]);
    const d = await delivery("CASE-20261102-AAAAAAAAAD");
    const result = await runQueue("civicgrid-integrations-callbacks", [{ deliveryId: d?.id }]);
    expect(result.explicitAcks).toHaveLength(1);
    const seen = await exports.default.fetch(`${base}/v1/integrations/receiver/${PLATFORM}`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    const items = (
      await seen.json<{ items: { webhookId: string; verified: boolean; body: { data: { orderId: string } } }[] }>()
    ).items;
    expect(items[0]).toMatchObject({ webhookId: d?.id, verified: true, body: { data: { orderId: "O-2" } } });
  });

  it("keeps the received headers and raw body, so the reference library verifies the callback too", async () => {
    await runQueue("civicgrid-case-events-integrations", [
      caseEvent("CASE-20261102-AAAAAAAAAE", 6, { platform: PLATFORM, orderId: "O-3" }),
    ]);
    const d = await delivery("CASE-20261102-AAAAAAAAAE");
    await runQueue("civicgrid-integrations-callbacks", [{ deliveryId: d?.id }]);
    const seen = await exports.default.fetch(`${base}/v1/integrations/receiver/${PLATFORM}`, {
      headers: await asPrincipal(principals.cityAgency),
    });
    const [item] = (await seen.json<{ items: { rawBody: string; headers: Record<string, string> }[] }>()).items;
    expect(item?.headers["webhook-id"]).toBe(d?.id);
    expect(item?.rawBody).toBe(d?.payload);
    // Signed with every active secret: a platform holding either one verifies with the reference library.
    for (const secret of SECRETS)
      expect(new Webhook(secret).verify(item?.rawBody ?? "", item?.headers ?? {})).toMatchObject({
        data: { orderId: "O-3" },
      });
    expect(() =>
      new Webhook("whsec_" + btoa("another secret of 32 bytes!!!!!!")).verify(item?.rawBody ?? "", item?.headers ?? {}),
    ).toThrow();
    expect(() => new Webhook(SECRETS[0] ?? "").verify(`${item?.rawBody} `, item?.headers ?? {})).toThrow();
  });

  it("refuses a forged callback at the local receiver", async () => {
    const forged = await exports.default.fetch(`${base}/v1/integrations/receiver/${PLATFORM}`, {
      method: "POST",
      headers: {
        "webhook-id": "x",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      },
      body: "{}",
    });
    expect(forged.status).toBe(401);
  });
});
