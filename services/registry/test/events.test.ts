import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { REGISTRY_TO_ROSTER_QUEUE, RegistryGridChanged, type EventEnvelope } from "@civicgrid/contracts";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import RegistryService from "../src/index";
import { FLUSH_CRON } from "../src/cron";
import { dbOf } from "../src/store/db";
import { flushOutbox } from "../src/store/outbox";
import { PJ, V1, fileLayout, gridFields, rect, resetRegistry, seedDivisions, shanghaiDay } from "./fixtures";

const unsent = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL").first<{ n: number }>())?.n;
/** What the worker sent to the roster's queue (the real binding accepts every send and cannot be read back). */
function rosterQueue(): EventEnvelope[] {
  const sent: EventEnvelope[] = [];
  vi.spyOn(env.ROSTER_EVENTS, "sendBatch").mockImplementation(async (messages) => {
    for (const m of messages) sent.push(m.body as EventEnvelope);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as QueueSendBatchResponse;
  });
  return sent;
}
afterEach(() => vi.restoreAllMocks());

beforeAll(seedDivisions);
beforeEach(resetRegistry);

describe("events on civicgrid-registry-events", () => {
  it("writes each grid and layout change to the outbox in the same batch and sends it after the write", async () => {
    const layout = await fileLayout(
      PJ,
      [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
      shanghaiDay(),
    );
    const { results } = await env.DB.prepare("SELECT id, body, sent_at FROM outbox ORDER BY id").all<{
      id: string;
      body: string;
      sent_at: number | null;
    }>();
    // The layout's versions: 1 opened, 2 edited, 3 submitted, 4 accepted.
    const gridEvent = `registry.grid.changed:${V1}001:${layout.id}`;
    expect(results.map((r) => r.id)).toEqual([
      gridEvent,
      gridEvent,
      `registry.layout.accepted:${layout.id}:4`,
      `registry.layout.submitted:${layout.id}:3`,
    ]);
    expect(results.every((r) => r.sent_at !== null)).toBe(true);
    const grid = JSON.parse(results.find((r) => r.id.startsWith("registry.grid.changed"))!.body);
    expect(grid).toMatchObject({
      type: "registry.grid.changed",
      source: "registry",
      aggregateId: `${V1}001`,
      data: { kind: "created", effectiveDate: shanghaiDay(), countyCode: PJ },
    });
  });

  it("keeps events whose send failed, and the cron sends them later, once", async () => {
    await env.DB.prepare(
      "INSERT INTO outbox (id, body, created_at) VALUES ('e-1', '{\"id\":\"e-1\"}', 1), ('e-2', '{\"id\":\"e-2\"}', 2)",
    ).run();
    const failing = { sendBatch: () => Promise.reject(new Error("queue unavailable")) };
    expect(await flushOutbox(dbOf(env.DB), { EVENTS: failing, ROSTER_EVENTS: failing })).toEqual({
      sent: 0,
      failed: 2,
    });
    expect(await unsent()).toBe(2);
    const outcome = await exports.default.runCron(FLUSH_CRON);
    expect(outcome).toMatchObject({ ran: true, result: { sent: 2, failed: 0 } });
    expect(await unsent()).toBe(0);
    expect(await exports.default.runCron(FLUSH_CRON)).toMatchObject({ result: { sent: 0 } });
  });

  it("a failed send to one queue leaves that queue's rows and does not hold back the other queue", async () => {
    await env.DB.prepare(
      "INSERT INTO outbox (id, queue, body, created_at) VALUES ('e-4', 'events', '{\"id\":\"e-4\"}', 4), ('e-4', 'roster', '{\"id\":\"e-4\"}', 4)",
    ).run();
    const taken: unknown[] = [];
    const working = { sendBatch: async (m: Iterable<unknown>) => (taken.push(...m), {}) as QueueSendBatchResponse };
    const failing = { sendBatch: () => Promise.reject(new Error("roster queue unavailable")) };
    expect(await flushOutbox(dbOf(env.DB), { EVENTS: working, ROSTER_EVENTS: failing })).toEqual({
      sent: 1,
      failed: 1,
    });
    expect(taken).toHaveLength(1);
    const left = await env.DB.prepare("SELECT queue FROM outbox WHERE sent_at IS NULL").all<{ queue: string }>();
    expect(left.results).toEqual([{ queue: "roster" }]);
  });

  it("runs the flush from the Cron Trigger", async () => {
    await env.DB.prepare("INSERT INTO outbox (id, body, created_at) VALUES ('e-3', '{\"id\":\"e-3\"}', 3)").run();
    await new RegistryService(createExecutionContextStub(), env).scheduled(
      createScheduledController({ cron: FLUSH_CRON }),
    );
    expect(await unsent()).toBe(0);
  });
});

function createExecutionContextStub(): ExecutionContext {
  return {
    waitUntil: () => undefined,
    passThroughOnException: () => undefined,
    props: {},
  } as unknown as ExecutionContext;
}

describe(`grid changes reach the roster (${REGISTRY_TO_ROSTER_QUEUE})`, () => {
  it("creating a grid puts one registry.grid.changed on the roster's queue: aggregate the grid code, version 1", async () => {
    const sent = rosterQueue();
    const layout = await fileLayout(
      PJ,
      [
        {
          op: "create",
          villageCode: V1,
          grid: gridFields(rect(113.0, 22.5, 113.02, 22.52), { name: "一号社区第1网格" }),
        },
      ],
      shanghaiDay(),
    );
    expect(sent).toHaveLength(1);
    const [event] = sent;
    expect(event).toMatchObject({
      id: `registry.grid.changed:${V1}001:${layout.id}`,
      type: "registry.grid.changed",
      source: "registry",
      aggregateId: `${V1}001`,
      version: 1,
    });
    expect(RegistryGridChanged.parse(event!.data)).toEqual({
      gridCode: `${V1}001`,
      name: "一号社区第1网格",
      villageCode: V1,
      type: "urban",
      status: "active",
    });
    expect(event!.data).toMatchObject({ effectiveDate: shanghaiDay(), layoutId: layout.id });
  });

  it("a redraw, a split and a retirement each send the grid's next version; a retired grid says so", async () => {
    await fileLayout(
      PJ,
      [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
      shanghaiDay(),
    );
    const sent = rosterQueue();
    const G1 = `${V1}001`;
    await fileLayout(
      PJ,
      [{ op: "update", code: G1, grid: { name: "更名网格", boundary: rect(113.0, 22.5, 113.02, 22.52) } }],
      shanghaiDay(1),
    );
    expect(sent.map((e) => [e.aggregateId, e.version, e.data.name, e.data.status])).toEqual([
      [G1, 2, "更名网格", "active"],
    ]);
    const halves = [gridFields(rect(113.0, 22.5, 113.01, 22.52)), gridFields(rect(113.01, 22.5, 113.02, 22.52))];
    await fileLayout(PJ, [{ op: "split", code: G1, parts: halves }], shanghaiDay(2));
    expect(
      sent
        .slice(1)
        .map((e) => [e.aggregateId, e.version, e.data.status])
        .sort(),
    ).toEqual([
      [G1, 3, "retired"],
      [`${V1}002`, 1, "active"],
      [`${V1}003`, 1, "active"],
    ]);
    expect(sent.every((e) => RegistryGridChanged.safeParse(e.data).success)).toBe(true);
  });
});
