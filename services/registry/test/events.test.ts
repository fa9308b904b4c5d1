import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import RegistryService from "../src/index";
import { FLUSH_CRON } from "../src/store/outbox";
import { flushOutbox } from "../src/store/outbox";
import { PJ, V1, fileLayout, gridFields, rect, resetRegistry, seedDivisions, shanghaiDay } from "./fixtures";

const unsent = async () => (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL").first<{ n: number }>())?.n;

beforeAll(seedDivisions);
beforeEach(resetRegistry);

describe("events on civicgrid-registry-events", () => {
  it("writes each grid and layout change to the outbox in the same batch and sends it after the write", async () => {
    const layout = await fileLayout(PJ, [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }], shanghaiDay());
    const { results } = await env.DB.prepare("SELECT id, body, sent_at FROM outbox ORDER BY id").all<{ id: string; body: string; sent_at: number | null }>();
    // The layout's versions: 1 opened, 2 edited, 3 submitted, 4 accepted.
    expect(results.map((r) => r.id)).toEqual([`registry.grid.changed:${V1}001:${layout.id}`, `registry.layout.accepted:${layout.id}:4`, `registry.layout.submitted:${layout.id}:3`]);
    expect(results.every((r) => r.sent_at !== null)).toBe(true);
    const grid = JSON.parse(results.find((r) => r.id.startsWith("registry.grid.changed"))!.body);
    expect(grid).toMatchObject({ type: "registry.grid.changed", source: "registry", aggregateId: `${V1}001`, data: { kind: "created", effectiveDate: shanghaiDay(), countyCode: PJ } });
  });

  it("keeps events whose send failed, and the cron sends them later, once", async () => {
    await env.DB.prepare("INSERT INTO outbox (id, body, created_at) VALUES ('e-1', '{\"id\":\"e-1\"}', 1), ('e-2', '{\"id\":\"e-2\"}', 2)").run();
    const failing = { sendBatch: () => Promise.reject(new Error("queue unavailable")) };
    expect(await flushOutbox(env.DB, failing)).toEqual({ sent: 0, failed: 2 });
    expect(await unsent()).toBe(2);
    const outcome = await exports.default.runCron(FLUSH_CRON);
    expect(outcome).toMatchObject({ ran: true, result: { sent: 2, failed: 0 } });
    expect(await unsent()).toBe(0);
    expect(await exports.default.runCron(FLUSH_CRON)).toMatchObject({ result: { sent: 0 } });
  });

  it("runs the flush from the Cron Trigger", async () => {
    await env.DB.prepare("INSERT INTO outbox (id, body, created_at) VALUES ('e-3', '{\"id\":\"e-3\"}', 3)").run();
    await new RegistryService(createExecutionContextStub(), env).scheduled(createScheduledController({ cron: FLUSH_CRON }));
    expect(await unsent()).toBe(0);
  });
});

function createExecutionContextStub(): ExecutionContext {
  return { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
}
