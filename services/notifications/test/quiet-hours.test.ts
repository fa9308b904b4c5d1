import { jsonAs, principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleEvent } from "../src/queue/events";
import { caseEvent, deliveriesOf, drain, sinkFor } from "./helpers";

const base = "http://notifications";
const housing = { ...principals.otherDepartment };
// 23:30 on 2026-03-16 in Asia/Shanghai, and 07:05 the next morning.
const lateNight = new Date("2026-03-16T15:30:00.000Z");
const morning = new Date("2026-03-16T23:05:00.000Z");

async function setQuietHours(digest: boolean) {
  const current = await exports.default.fetch(
    `${base}/v1/notifications/preferences?owner=department`,
    await jsonAs(housing, "GET"),
  );
  const etag = current.headers.get("etag")!;
  const res = await exports.default.fetch(
    `${base}/v1/notifications/preferences?owner=department`,
    await jsonAs(housing, "PUT", { quietStart: "22:00", quietEnd: "07:00", digest }, { "if-match": etag }),
  );
  expect(res.status).toBe(200);
}

describe("quiet hours and digests", () => {
  it("defers non-urgent SMS in quiet hours, never emergencies or overdue notices, and writes inbox messages at once", async () => {
    await setQuietHours(false);
    const dispatch = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing" });
    const second = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing", title: "小区电梯停运" });
    const overdue = caseEvent("case.overdue", {
      leadDepartmentId: "dept-440703-housing",
      responsibleUnit: "dept-440703-housing",
    });
    const emergency = caseEvent("case.dispatched", { priority: "emergency", leadDepartmentId: "dept-440703-housing" });
    for (const e of [dispatch, second, overdue, emergency]) await handleEvent(e, env, lateNight);

    const sms = async (id: string) => (await deliveriesOf(id)).find((d) => d.channel === "sms")!;
    expect(await sms(dispatch.id)).toMatchObject({ status: "deferred", due_at: "2026-03-16T23:00:00.000Z" });
    expect(await sms(second.id)).toMatchObject({ status: "deferred" });
    expect(await sms(overdue.id)).toMatchObject({ status: "pending", urgent: 1 });
    expect(await sms(emergency.id)).toMatchObject({ status: "pending", urgent: 1 });
    expect((await deliveriesOf(dispatch.id)).find((d) => d.channel === "in_app")).toMatchObject({ status: "sent" });

    await drain();
    expect(await sinkFor(overdue.id)).toHaveLength(1);
    expect(await sinkFor(dispatch.id)).toHaveLength(0);

    // At the quiet end the cron folds the two deferred notices into one digest SMS; a rerun adds nothing.
    const run = await exports.default.runCron("*/10 * * * *", morning.getTime());
    expect(run).toMatchObject({ ran: true, result: { released: 2, digests: 1 } });
    expect(await exports.default.runCron("*/10 * * * *", morning.getTime())).toMatchObject({
      result: { released: 0, digests: 0 },
    });
    const digest = await env.DB.prepare(
      "SELECT id, body FROM deliveries WHERE event_type = 'notifications.digest' AND recipient_key = 'dept:dept-440703-housing'",
    ).first<{ id: string; body: string }>();
    expect(digest!.body).toContain("共有2条通知");
    expect(digest!.body).toContain("小区电梯停运");
    expect(await sms(dispatch.id)).toMatchObject({ status: "digested" });
    await drain();
    const sent = await env.DB.prepare("SELECT phone, text FROM sms_sink WHERE delivery_id = ?1")
      .bind(digest!.id)
      .first<{ phone: string; text: string }>();
    expect(sent?.phone).toBe("0750-3502312");
  });

  it("sends outside quiet hours at once, and releases a lone deferred notice as it is", async () => {
    const noon = new Date("2026-03-17T04:00:00.000Z");
    const daytime = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing" });
    await handleEvent(daytime, env, noon);
    expect((await deliveriesOf(daytime.id)).find((d) => d.channel === "sms")).toMatchObject({ status: "pending" });
    await drain();
    const lone = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing" });
    await handleEvent(lone, env, new Date("2026-03-17T16:00:00.000Z"));
    await exports.default.runCron("*/10 * * * *", new Date("2026-03-17T23:01:00.000Z").getTime());
    expect((await deliveriesOf(lone.id)).find((d) => d.channel === "sms")).toMatchObject({ status: "pending" });
  });

  it("with daily digest on, holds every non-urgent SMS for the day's digest", async () => {
    await setQuietHours(true);
    const noon = new Date("2026-03-18T04:00:00.000Z");
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-housing" });
    await handleEvent(event, env, noon);
    expect((await deliveriesOf(event.id)).find((d) => d.channel === "sms")).toMatchObject({
      status: "deferred",
      due_at: "2026-03-18T23:00:00.000Z",
    });
  });
});
