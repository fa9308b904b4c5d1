import type { DeadLetter, Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import NotificationsService from "../src/index";
import { caseEvent, deliveriesOf, runBatch } from "./helpers";

/**
 * Issue 12 item 8: what the consumers give up on reaches the dead-letter queue (civicgrid-dead-letters since
 * issue 13: one for every event consumer of the platform), whose
 * consumer keeps it (queue, body, attempts, first and last failure, error), shows it to the platform
 * administrators (list with cursor, read), redrives it to its queue once, and tells them in their inbox
 * once per message.
 */
const DLQ = "civicgrid-dead-letters";
const EVENTS_QUEUE = "civicgrid-case-events-notifications";
const DELIVERY_QUEUE = "civicgrid-notifications-delivery";
const LIST = "/v1/notifications/dead-letters";
const admin = principals.admin;
type Page = { items: DeadLetter[]; nextCursor: string | null };
type Inbox = { items: { title: string; body: string; urgent: boolean }[] };

const call = async (p: Principal, method: string, path: string) =>
  exports.default.fetch(`http://notifications${path}`, await jsonAs(p, method));
const page = async (query: string) => (await call(admin, "GET", `${LIST}?${query}`)).json<Page>();
const find = async (messageId: string) => (await page("limit=200")).items.find((d) => d.messageId === messageId);
const alertsOf = async (p: Principal) => {
  const inbox = await (await call(p, "GET", "/v1/inbox?limit=200")).json<Inbox>();
  return inbox.items.filter((m) => m.title.startsWith("消息处理失败"));
};

/** Hands messages to the dead-letter consumer through the service's own queue handler. */
async function deadLetter(messages: { id: string; body: unknown }[]) {
  const batch = createMessageBatch(
    DLQ,
    messages.map((m) => ({ ...m, timestamp: new Date(), attempts: 1 })),
  );
  const ctx = createExecutionContext();
  await new NotificationsService(ctx, env).queue(batch);
  return getQueueResult(batch, ctx);
}

const brokenRoster = {
  ROSTER: { department: () => Promise.reject(new Error("roster unavailable")), gridServers: () => Promise.resolve([]) },
} as never;

describe("the dead-letter consumer", () => {
  it("keeps a case event its consumer gave up on, with its failures, and alerts the platform once", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police", title: "死信测试" });
    for (let i = 0; i < 2; i++) {
      expect((await runBatch(EVENTS_QUEUE, [event], brokenRoster)).retryMessages).toHaveLength(1);
    }
    const before = (await alertsOf(admin)).length;
    expect((await deadLetter([{ id: "dlq-case-1", body: event }])).explicitAcks).toEqual(["dlq-case-1"]);
    expect((await deadLetter([{ id: "dlq-case-1", body: event }])).explicitAcks).toEqual(["dlq-case-1"]);

    const kept = (await find("dlq-case-1"))!;
    expect(kept).toMatchObject({ queue: EVENTS_QUEUE, status: "dead", attempts: 2, deadLetterings: 1, redrives: 0 });
    expect(kept.error).toBe("roster unavailable");
    expect(Date.parse(kept.firstFailedAt)).toBeLessThanOrEqual(Date.parse(kept.lastFailedAt));
    const read = await call(admin, "GET", `${LIST}/${kept.id}`);
    expect(await read.json()).toMatchObject({ id: kept.id, body: event });

    const alerts = await alertsOf(admin);
    expect(alerts).toHaveLength(before + 1);
    expect(alerts[0]).toMatchObject({ title: `消息处理失败：${EVENTS_QUEUE}`, urgent: true });
    expect(alerts[0]!.body).toContain("roster unavailable");
    expect(await alertsOf(principals.cityAgency)).toEqual([]);
  });

  it("redrives a dead letter to its queue once, where it is processed, and keeps a second death apart", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police", title: "重新投递" });
    await runBatch(EVENTS_QUEUE, [event], brokenRoster);
    await deadLetter([{ id: "dlq-case-2", body: event }]);
    const kept = (await find("dlq-case-2"))!;
    expect(await deliveriesOf(event.id)).toEqual([]);

    const first = await call(admin, "POST", `${LIST}/${kept.id}/redrive`);
    expect(await first.json()).toMatchObject({ status: "redriven", redrives: 1, redrivenBy: admin.sub });
    const again = await call(admin, "POST", `${LIST}/${kept.id}/redrive`);
    expect(await again.json()).toMatchObject({ status: "redriven", redrives: 1 });
    // Back on civicgrid-case-events-notifications, the event's consumer now plans its deliveries.
    const planned = async () => expect((await deliveriesOf(event.id)).length).toBeGreaterThan(0);
    await vi.waitFor(planned, { timeout: 15_000, interval: 250 });

    // Dead again after the redrive (a new queue message): the same dead letter, dead once more, alerted again.
    const before = (await alertsOf(admin)).length;
    await deadLetter([{ id: "dlq-case-2b", body: event }]);
    expect(await find("dlq-case-2b")).toMatchObject({ id: kept.id, status: "dead", deadLetterings: 2, redrives: 1 });
    expect(await alertsOf(admin)).toHaveLength(before + 1);
  });

  it("keeps a delivery job with the send error its consumer recorded", async () => {
    const id = `dlv_${"b".repeat(32)}`;
    await env.DB.prepare(
      `INSERT INTO deliveries (id, event_id, event_type, recipient_key, channel, template_code, title, body, urgent,
         division_code, status, created_at, updated_at)
       VALUES (?1, 'e-dlq-webhook', 'case.check_passed', 'platform:yuepingan', 'webhook', 'case_closed', 't', 'b', 0,
         '440703000000', 'pending', '2026-01-01', '2026-01-01')`,
    )
      .bind(id)
      .run();
    expect((await runBatch(DELIVERY_QUEUE, [{ deliveryId: id }])).retryMessages).toHaveLength(1);
    await deadLetter([{ id: "dlq-webhook", body: { deliveryId: id } }]);
    const kept = await find("dlq-webhook");
    expect(kept).toMatchObject({ queue: DELIVERY_QUEUE, attempts: 1, error: "no webhook channel is installed" });
  });

  it("tells where jobs and registry events came from, and refuses to redrive a message of no known queue", async () => {
    const grid = "440703001001001";
    const change = { id: `registry:${grid}:9`, type: "registry.grid.changed", source: "registry", aggregateId: grid };
    const occurredAt = new Date().toISOString();
    await deadLetter([
      { id: "dlq-job", body: { deliveryId: `dlv_${"a".repeat(32)}` } },
      { id: "dlq-grid", body: { ...change, version: 9, occurredAt, data: { gridCode: grid } } },
      { id: "dlq-junk", body: "not a message of ours" },
    ]);
    expect(await find("dlq-job")).toMatchObject({ queue: DELIVERY_QUEUE, attempts: 0, error: null });
    const registry = (await find("dlq-grid"))!;
    expect(registry.queue).toBe("civicgrid-registry-events");
    const junk = (await find("dlq-junk"))!;
    expect(junk.queue).toBe("unknown");
    expect((await call(admin, "POST", `${LIST}/${junk.id}/redrive`)).status).toBe(409);
    expect((await call(admin, "POST", `${LIST}/${registry.id}/redrive`)).status).toBe(200);
  });

  it("tells a roster event by its shape (every consumer shares the dead-letter queue), and redrives it", async () => {
    const grid = "440703001001001";
    const occurredAt = new Date().toISOString();
    const change = { id: `roster:${grid}:3`, type: "roster.grid-servers.changed", source: "roster", aggregateId: grid };
    await deadLetter([{ id: "dlq-roster", body: { ...change, version: 3, occurredAt, data: { gridCode: grid } } }]);
    const kept = (await find("dlq-roster"))!;
    expect(kept.queue).toBe("civicgrid-roster-events");
    expect((await call(admin, "POST", `${LIST}/${kept.id}/redrive`)).status).toBe(200);
  });

  it("lists with a cursor, newest failure first, and filters by status", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const next: Page = await page(`limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...next.items.map((d) => d.id));
      cursor = next.nextCursor;
    }
    const all = (await page("limit=200")).items;
    expect(seen).toEqual(all.map((d) => d.id));
    expect(all.length).toBeGreaterThanOrEqual(5);
    const times = all.map((d) => d.lastFailedAt);
    expect(times).toEqual([...times].sort().reverse());
    const redriven = (await page("status=redriven")).items;
    expect(redriven.length).toBeGreaterThan(0);
    expect(redriven.every((d) => d.status === "redriven")).toBe(true);
  });

  it("shows and redrives dead letters to platform administrators only", async () => {
    const id = (await find("dlq-case-1"))!.id;
    for (const p of [principals.cityAgency, principals.countyAgency, principals.department, principals.resident]) {
      expect((await call(p, "GET", LIST)).status).toBe(403);
      expect((await call(p, "GET", `${LIST}/${id}`)).status).toBe(403);
      expect((await call(p, "POST", `${LIST}/${id}/redrive`)).status).toBe(403);
    }
    expect((await call(admin, "GET", `${LIST}/not-an-id`)).status).toBe(400);
  });
});
