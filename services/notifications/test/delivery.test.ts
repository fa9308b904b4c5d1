import { jsonAs, principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { DeliveryJob } from "../src/env";
import { deliverOne } from "../src/queue/deliver";
import { caseEvent, deliveriesOf, drain, publish, runBatch, sinkFor } from "./helpers";

const CASE_QUEUE = "civicgrid-case-events-notifications";

const HTTP_SMS = { SMS_PROVIDER: "http", SMS_HTTP_URL: "https://sms.test/send", SMS_HTTP_KEY: "test-sms-key-0001" };
const base = "http://notifications";
const failNext = (times: number, status = 503) =>
  fetch("https://sms.test/__fail", { method: "POST", body: JSON.stringify({ times, status }) });
const received = async (reference: string) =>
  (await (await fetch("https://sms.test/__received")).json<{ reference: string; idempotencyKey: string }[]>()).filter(
    (r) => r.reference === reference,
  );

describe("exactly one effect under at-least-once delivery", () => {
  it("turns the same event delivered twice into one message and one SMS", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police" });
    const first = await publish(event, event);
    expect(first.explicitAcks).toHaveLength(2);
    await publish(event);
    expect(await deliveriesOf(event.id)).toHaveLength(2);
    const messages = await env.DB.prepare(
      "SELECT count(*) AS n FROM messages WHERE id IN (SELECT id FROM deliveries WHERE event_id = ?1)",
    )
      .bind(event.id)
      .first<{ n: number }>();
    expect(messages?.n).toBe(1);
    // Two jobs for the same push (the redelivered event re-enqueued it): the second finds it sent.
    const [sms] = (await deliveriesOf(event.id)).filter((d) => d.channel === "sms");
    await drain(event.id);
    await runBatch("civicgrid-notifications-delivery", [{ deliveryId: sms!.id }, { deliveryId: sms!.id }]);
    expect(await sinkFor(event.id)).toHaveLength(1);
    const attempts = await env.DB.prepare("SELECT count(*) AS n FROM delivery_attempts WHERE delivery_id = ?1")
      .bind(sms!.id)
      .first<{ n: number }>();
    expect(attempts?.n).toBe(1);
  });

  it("retries only the message whose handling threw mid-batch, and the whole batch redelivered still has one effect per event", async () => {
    const events = ["dept-440703-police", "dept-440703-housing", "dept-440703-fire"].map((lead) =>
      caseEvent("case.dispatched", { leadDepartmentId: lead }),
    );
    let calls = 0;
    // The delivery queue fails once, on the second event of the batch: the handler throws mid-batch.
    const flaky = {
      sendBatch: async (messages: Iterable<MessageSendRequest<DeliveryJob>>) =>
        ++calls === 2 ? Promise.reject(new Error("queue unavailable")) : env.DELIVERY.sendBatch(messages),
    } as Queue;
    const first = await runBatch(CASE_QUEUE, events, { DELIVERY: flaky });
    expect(first.explicitAcks).toHaveLength(2);
    expect(first.retryMessages).toHaveLength(1);
    expect(first.delays).toHaveLength(1);
    const again = await runBatch(CASE_QUEUE, events);
    expect(again.explicitAcks).toHaveLength(3);
    for (const event of events) {
      const rows = await deliveriesOf(event.id);
      expect(rows.filter((r) => r.channel === "in_app")).toHaveLength(1);
      expect(new Set(rows.map((r) => `${r.recipient_key} ${r.channel}`)).size).toBe(rows.length);
      const messages = await env.DB.prepare(
        "SELECT count(*) AS n FROM messages WHERE id IN (SELECT id FROM deliveries WHERE event_id = ?1)",
      )
        .bind(event.id)
        .first<{ n: number }>();
      expect(messages?.n).toBe(1);
    }
  });

  it("retries a failing provider with growing backoff, dead-letters it, and a redrive delivers it once", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing" });
    await publish(event);
    const [sms] = (await deliveriesOf(event.id)).filter((d) => d.channel === "sms");
    await failNext(5);
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await drain(event.id, HTTP_SMS);
      delays.push(...result.delays);
    }
    expect(delays).toEqual([30, 60, 120, 240]);
    expect((await deliveriesOf(event.id)).find((d) => d.id === sms!.id)).toMatchObject({ status: "dead", attempts: 5 });

    const agency = principals.countyAgency;
    const dead = await exports.default.fetch(
      `${base}/v1/notifications/deliveries?status=dead&eventId=${encodeURIComponent(event.id)}`,
      await jsonAs(agency, "GET"),
    );
    expect((await dead.json<{ items: { id: string }[] }>()).items.map((d) => d.id)).toEqual([sms!.id]);

    const redrive = await exports.default.fetch(
      `${base}/v1/notifications/deliveries/${sms!.id}/redrive`,
      await jsonAs(agency, "POST", undefined, { "idempotency-key": `redrive-${sms!.id}` }),
    );
    expect(redrive.status).toBe(200);
    expect(await redrive.json()).toMatchObject({ status: "pending" });
    const sent = await drain(event.id, HTTP_SMS);
    expect(sent.explicitAcks).toHaveLength(1);
    expect(await received(sms!.id)).toEqual([expect.objectContaining({ reference: sms!.id, idempotencyKey: sms!.id })]);

    const detail = await exports.default.fetch(
      `${base}/v1/notifications/deliveries/${sms!.id}`,
      await jsonAs(agency, "GET"),
    );
    const body = await detail.json<{
      status: string;
      attemptLog: { attempt: number; status: string; error: string | null }[];
    }>();
    expect(body.status).toBe("sent");
    expect(body.attemptLog.map((a) => a.status)).toEqual(["error", "error", "error", "error", "error", "ok"]);
    expect(body.attemptLog[0]!.error).toBe("provider answered 503");
  });

  it("dead-letters at once what the provider refuses outright (4xx)", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police" });
    await publish(event);
    await failNext(1, 400);
    const result = await drain(event.id, HTTP_SMS);
    expect(result.retryMessages).toEqual([]);
    expect((await deliveriesOf(event.id)).find((d) => d.channel === "sms")).toMatchObject({
      status: "dead",
      attempts: 1,
    });
  });

  it("redrives only dead deliveries, only within the caller's jurisdiction and role", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police" });
    await publish(event);
    const [inApp, sms] = await deliveriesOf(event.id);
    const post = async (p: (typeof principals)[keyof typeof principals], id: string) =>
      exports.default.fetch(`${base}/v1/notifications/deliveries/${id}/redrive`, await jsonAs(p, "POST"));
    expect((await post(principals.countyAgency, inApp!.id)).status).toBe(409);
    await env.DB.prepare("UPDATE deliveries SET status = 'dead' WHERE id = ?1").bind(sms!.id).run();
    expect((await post(principals.otherCountyAgency, sms!.id)).status).toBe(404);
    expect((await post(principals.gridWorker, sms!.id)).status).toBe(403);
    expect((await post(principals.department, sms!.id)).status).toBe(403);
    const other = await exports.default.fetch(
      `${base}/v1/notifications/deliveries?eventId=${encodeURIComponent(event.id)}`,
      await jsonAs(principals.otherCountyAgency, "GET"),
    );
    expect((await other.json<{ items: unknown[] }>()).items).toEqual([]);
    expect((await post(principals.admin, sms!.id)).status).toBe(200);
  });

  it("keeps a webhook push pending-then-dead while no webhook channel is installed, visible in the log", async () => {
    await env.DB.prepare(
      "INSERT INTO deliveries (id, event_id, event_type, recipient_key, channel, template_code, title, body, urgent, division_code, status, created_at, updated_at) VALUES ('dlv_0000000000000000000000000000000a', 'e-webhook', 'case.check_passed', 'platform:yuepingan', 'webhook', 'case_closed', 't', 'b', 0, '440703000000', 'pending', '2026-01-01', '2026-01-01')",
    ).run();
    const outcome = await deliverOne(env, {}, "dlv_0000000000000000000000000000000a");
    expect(outcome).toEqual({ outcome: "retry", attempt: 1, error: "no webhook channel is installed" });
    const row = await env.DB.prepare(
      "SELECT last_error FROM deliveries WHERE id = 'dlv_0000000000000000000000000000000a'",
    ).first<{ last_error: string }>();
    expect(row?.last_error).toBe("no webhook channel is installed");
  });
});
