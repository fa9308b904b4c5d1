import { QUEUES, type DeadLetter, type EventEnvelope, type Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import NotificationsService from "../src/index";
import { deliveriesOf, runBatch } from "./helpers";

/** A worker serving grid 440703001001001 in the roster stand-in, signed in as the platform names their login. */
const servingWorker: Principal = {
  sub: "user-w-440703001001-01",
  roles: ["grid_worker"],
  divisionCode: "440703001001",
  grids: ["440703001001001"],
};
const otherWorker: Principal = { ...servingWorker, sub: "user-w-440703001001-09", grids: ["440703001001002"] };

let day = 0;
function reminder(gridCode = "440703001001001", due = 2, overdue = 1): EventEnvelope {
  const on = `2026-11-${String(++day).padStart(2, "0")}`;
  const version = Number(on.replaceAll("-", ""));
  return {
    id: `basedata.visit.reminder:${gridCode}:${version}`,
    type: "basedata.visit.reminder",
    source: `basedata/${gridCode.slice(0, 12)}`,
    aggregateId: gridCode,
    version,
    occurredAt: new Date().toISOString(),
    data: { gridCode, villageCode: gridCode.slice(0, 12), day: on, due, overdue },
  };
}

async function inbox(principal: Principal) {
  const res = await exports.default.fetch("http://notifications/v1/inbox?limit=200", await jsonAs(principal, "GET"));
  expect(res.status).toBe(200);
  return (await res.json<{ items: { eventType: string; title: string; body: string }[] }>()).items.filter(
    (m) => m.eventType === "basedata.visit.reminder",
  );
}

describe("visit reminders from base data (走访提醒)", () => {
  it("reach the inbox of each worker serving the grid once, with counts and no names", async () => {
    const event = reminder();
    const before = (await inbox(servingWorker)).length;
    const first = await runBatch(QUEUES.basedataNotifications, [event]);
    expect(first.explicitAcks).toHaveLength(1);
    await runBatch(QUEUES.basedataNotifications, [event, event]); // redelivered: nothing more
    const mine = await inbox(servingWorker);
    expect(mine.length - before).toBe(1);
    expect(mine[0]!.body).toContain("2人次走访即将到期");
    expect(mine[0]!.body).toContain("1人次已超期");
    expect((await deliveriesOf(event.id)).map((d) => [d.recipient_key, d.channel])).toEqual([
      ["user:user-w-440703001001-01", "in_app"],
      ["user:user-w-440703001001-02", "in_app"],
    ]);
    expect(await inbox(otherWorker)).toEqual([]);
  });

  it("a grid nobody serves plans nothing; an unreadable reminder is retried toward the dead letters", async () => {
    const unserved = reminder("440703001001002");
    expect((await runBatch(QUEUES.basedataNotifications, [unserved])).explicitAcks).toHaveLength(1);
    expect(await deliveriesOf(unserved.id)).toEqual([]);
    const bad = { ...reminder(), data: { gridCode: "440703001001001", due: -1 } };
    const result = await runBatch(QUEUES.basedataNotifications, [bad]);
    expect(result.retryMessages).toHaveLength(1);
  });

  it("a reminder given up on is kept as a base-data dead letter and redriven to base data's queues", async () => {
    const event = reminder();
    const batch = createMessageBatch(QUEUES.deadLetters, [
      { id: "dlq-visit-reminder", timestamp: new Date(), attempts: 1, body: event },
    ]);
    await new NotificationsService(createExecutionContext(), env).queue(batch);
    const admin = async (method: string, path: string) =>
      exports.default.fetch(`http://notifications${path}`, await jsonAs(principals.admin, method));
    const list = await (await admin("GET", "/v1/notifications/dead-letters?limit=200")).json<{ items: DeadLetter[] }>();
    const kept = list.items.find((d) => d.messageId === "dlq-visit-reminder")!;
    expect(kept.queue).toBe(QUEUES.basedataNotifications);
    expect((await admin("POST", `/v1/notifications/dead-letters/${kept.id}/redrive`)).status).toBe(200);
  });
});
