import { principals } from "@civicgrid/testing";
import type { CaseView, EventEnvelope } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { call, HERE, report, step } from "./helpers";

const PJ = "440703000000";
const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
type QueueName = "NOTIFY_QUEUE" | "ASSESS_QUEUE" | "INTEG_QUEUE";
const QUEUES: QueueName[] = ["NOTIFY_QUEUE", "ASSESS_QUEUE", "INTEG_QUEUE"];

/** Recording stand-ins for the queues in the case's object: each sendBatch call's message ids; `failing` throw. */
async function recordBatches(id: string, failing: QueueName[] = []): Promise<Record<QueueName, string[][]>> {
  const batches: Record<QueueName, string[][]> = { NOTIFY_QUEUE: [], ASSESS_QUEUE: [], INTEG_QUEUE: [] };
  await runInDurableObject(stub(id), (instance) => {
    const holder = instance as unknown as { env: Env };
    const fakes = Object.fromEntries(
      QUEUES.map((name) => [
        name,
        {
          send: () => Promise.reject(new Error("one message at a time is not how the outbox sends")),
          sendBatch: (messages: { body: EventEnvelope }[]) => {
            if (failing.includes(name)) return Promise.reject(new Error(`${name} is down`));
            batches[name].push(messages.map((m) => m.body.id));
            return Promise.resolve();
          },
        },
      ]),
    );
    holder.env = { ...env, ...fakes } as Env;
  });
  return batches;
}

describe("issue 17: the report and command paths", () => {
  it("a report's and a command's response carry the read model's session bookmark for the case's county", async () => {
    const res = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "路灯不亮",
      description: "三号路口的路灯连续三晚不亮",
      categoryCode: "A01",
      ...HERE,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-d1-bookmark")).toMatch(/^440703=\S+$/);
    const c = await res.json<CaseView>();
    const verified = await call(principals.gridWorker, "POST", `/v1/cases/${c.id}/verify`, {}, { "if-match": '"v1"' });
    expect(verified.status).toBe(200);
    const bookmark = verified.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^440703=\S+$/);
    // Bookmarks only move forward: the command's comes after the report's.
    expect(bookmark! >= res.headers.get("x-d1-bookmark")!).toBe(true);
  });

  it("the read model holds the new version when the response is out: the lists show it at once", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    const list = await call(principals.countyAgency, "GET", `/v1/cases?status=verified&limit=100`);
    const page = await list.json<{ items: { id: string; version: number }[] }>();
    expect(page.items.find((i) => i.id === c.id)).toMatchObject({ version: 2 });
  });

  it("responses carry Server-Timing spans of the hops and of the object's phases", async () => {
    const res = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "路灯不亮",
      description: "三号路口",
      categoryCode: "A01",
      ...HERE,
    });
    const timing = res.headers.get("server-timing") ?? "";
    for (const span of ["cases-place", "cases-do", "cases-do-commit", "cases-do-project", "cases-total"])
      expect(timing).toContain(`${span};dur=`);
  });

  it("GET answers the current version's view after each command, as the object keeps it", async () => {
    const c = await report(principals.gridWorker);
    const first = await call(principals.gridWorker, "GET", `/v1/cases/${c.id}`);
    expect(first.headers.get("content-type")).toMatch(/application\/json/);
    expect(await first.json()).toEqual(c);
    const verified = await step(principals.gridWorker, c, "verify");
    const second = await call(principals.gridWorker, "GET", `/v1/cases/${c.id}`);
    expect(second.headers.get("etag")).toBe('"v2"');
    expect(await second.json()).toEqual(verified);
    expect((await call(principals.otherCountyAgency, "GET", `/v1/cases/${c.id}`)).status).toBe(403);
  });

  it("sends each queue all its unsent envelopes in one batch; a queue that failed is retried alone, nothing lost", async () => {
    const c = await report(principals.gridWorker);
    await stub(c.id).delivered();
    // The integrations queue is down for two commands: the others take each event once, at once.
    const down = await recordBatches(c.id, ["INTEG_QUEUE"]);
    const verified = await step(principals.gridWorker, c, "verify");
    await stub(c.id).delivered();
    await step(principals.countyAgency, verified, "accept");
    await stub(c.id).delivered();
    expect(down.NOTIFY_QUEUE).toEqual([[`${c.id}:2`], [`${c.id}:3`]]);
    expect(down.ASSESS_QUEUE).toEqual([[`${c.id}:2`], [`${c.id}:3`]]);
    expect(down.INTEG_QUEUE).toEqual([]);
    // Back up: the alarm sends integrations both events in one batch, and nothing again to the others.
    const up = await recordBatches(c.id);
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(true);
    expect(up).toEqual({ NOTIFY_QUEUE: [], ASSESS_QUEUE: [], INTEG_QUEUE: [[`${c.id}:2`, `${c.id}:3`]] });
    const flags = await runInDurableObject(stub(c.id), (_i, s) =>
      s.storage.sql
        .exec("SELECT count(*) AS n FROM outbox WHERE notify_sent = 0 OR assess_sent = 0 OR integ_sent = 0")
        .one(),
    );
    expect(flags.n).toBe(0);
  });
});

describe("issue 17: per-isolate caches are invalidated by the owner's writes", () => {
  const MINUTES = (amount: number) => ({ amount, unit: "minutes" });
  const put = (types: unknown) => call(principals.countyAgency, "PUT", `/v1/request-types/${PJ}`, { types });

  it("a changed request type is what the next report gets", async () => {
    expect((await put({ complaint: { sign: MINUTES(30) } })).status).toBe(200);
    const first = await report(principals.gridWorker, { requestType: "complaint" });
    expect(first.limits).toMatchObject({ sign: MINUTES(30) });
    // The same again: answered from the cache (the row did not change), still the county's value.
    expect((await report(principals.gridWorker, { requestType: "complaint" })).limits).toMatchObject({
      sign: MINUTES(30),
    });
    expect((await put({ complaint: { sign: MINUTES(45) } })).status).toBe(200);
    const next = await report(principals.gridWorker, { requestType: "complaint" });
    expect(next.limits).toMatchObject({ sign: MINUTES(45) });
    expect((await put({})).status).toBe(200);
    expect((await report(principals.gridWorker, { requestType: "complaint" })).limits).not.toHaveProperty("sign");
  });
});
