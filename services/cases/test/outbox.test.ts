import { principals } from "@civicgrid/testing";
import type { EventEnvelope } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { report, step } from "./helpers";

type QueueName = "NOTIFY_QUEUE" | "ASSESS_QUEUE" | "INTEG_QUEUE";
const QUEUES: QueueName[] = ["NOTIFY_QUEUE", "ASSESS_QUEUE", "INTEG_QUEUE"];
const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
const outboxOf = (id: string) =>
  runInDurableObject(stub(id), (_i, s) =>
    s.storage.sql
      .exec<{ version: number; notify_sent: number; assess_sent: number; integ_sent: number }>(
        "SELECT version, notify_sent, assess_sent, integ_sent FROM outbox ORDER BY version",
      )
      .toArray(),
  );

/**
 * Puts recording stand-ins for the three queue bindings into the case's DO (the real bindings accept every send
 * and cannot be read back here); `failing` queues throw, as a queue outage would. Returns what each one took.
 * Queue sends run behind the response (issue 17), so a test waits for `delivered()` before it looks.
 */
async function recordQueues(id: string, failing: QueueName[] = []): Promise<Record<QueueName, string[]>> {
  const sent: Record<QueueName, string[]> = { NOTIFY_QUEUE: [], ASSESS_QUEUE: [], INTEG_QUEUE: [] };
  await runInDurableObject(stub(id), (instance) => {
    const holder = instance as unknown as { env: Env };
    const fakes = Object.fromEntries(
      QUEUES.map((name) => [
        name,
        {
          sendBatch: (messages: { body: EventEnvelope }[]) => {
            if (failing.includes(name)) return Promise.reject(new Error(`${name} is down`));
            sent[name].push(...messages.map((m) => m.body.id));
            return Promise.resolve();
          },
        },
      ]),
    );
    holder.env = { ...env, ...fakes } as Env;
  });
  return sent;
}

describe("the outbox: every case event to each consumer's queue", () => {
  it("sends each event to the notifications, assessments and integrations queues through the real bindings", async () => {
    expect(env.INTEG_QUEUE).toBeDefined();
    const c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    await stub(c.id).delivered();
    expect(await outboxOf(c.id)).toEqual([
      { version: 1, notify_sent: 1, assess_sent: 1, integ_sent: 1 },
      { version: 2, notify_sent: 1, assess_sent: 1, integ_sent: 1 },
    ]);
  });

  it("delivers the same envelope to all three queues", async () => {
    const c = await report(principals.gridWorker);
    await stub(c.id).delivered();
    const sent = await recordQueues(c.id);
    await step(principals.gridWorker, c, "verify");
    await stub(c.id).delivered();
    expect(sent).toEqual({ NOTIFY_QUEUE: [`${c.id}:2`], ASSESS_QUEUE: [`${c.id}:2`], INTEG_QUEUE: [`${c.id}:2`] });
  });

  it("a failed send is retried from the alarm to that queue only; the queues that took it get it once", async () => {
    const c = await report(principals.gridWorker);
    await stub(c.id).delivered();
    const first = await recordQueues(c.id, ["INTEG_QUEUE"]);
    await step(principals.gridWorker, c, "verify");
    await stub(c.id).delivered();
    expect(first).toEqual({ NOTIFY_QUEUE: [`${c.id}:2`], ASSESS_QUEUE: [`${c.id}:2`], INTEG_QUEUE: [] });
    expect((await outboxOf(c.id))[1]).toEqual({ version: 2, notify_sent: 1, assess_sent: 1, integ_sent: 0 });

    const retry = await recordQueues(c.id);
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(true);
    expect(retry).toEqual({ NOTIFY_QUEUE: [], ASSESS_QUEUE: [], INTEG_QUEUE: [`${c.id}:2`] });
    expect((await outboxOf(c.id))[1]).toEqual({ version: 2, notify_sent: 1, assess_sent: 1, integ_sent: 1 });
  });

  it("an outbox from before the integrations queue gains its column; old delivered events are not replayed to it", async () => {
    const c = await report(principals.gridWorker);
    await runInDurableObject(stub(c.id), (_i, s) => {
      // The table as it was: two sent flags; version 1 delivered to both, a version 2 still pending.
      s.storage.sql.exec("DROP TABLE outbox");
      s.storage.sql.exec(
        "CREATE TABLE outbox (version INTEGER PRIMARY KEY, envelope TEXT NOT NULL, notify_sent INTEGER NOT NULL DEFAULT 0, assess_sent INTEGER NOT NULL DEFAULT 0)",
      );
      s.storage.sql.exec('INSERT INTO outbox VALUES (1, \'{"id":"old:1"}\', 1, 1), (2, \'{"id":"old:2"}\', 1, 0)');
    });
    // A fresh instance of the DO runs the store's schema upgrade in its constructor.
    const upgraded = await runInDurableObject(stub(c.id), async (_i, s) => {
      const { CaseStore } = await import("../src/do/storage");
      new CaseStore(s.storage);
      return s.storage.sql
        .exec("SELECT version, notify_sent, assess_sent, integ_sent FROM outbox ORDER BY version")
        .toArray();
    });
    expect(upgraded).toEqual([
      { version: 1, notify_sent: 1, assess_sent: 1, integ_sent: 1 },
      { version: 2, notify_sent: 1, assess_sent: 0, integ_sent: 0 },
    ]);
  });
});
