import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import RegistryService from "../src/index";
import {
  PJ,
  V1,
  base,
  call,
  draftWith,
  fileLayout,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  shanghaiDay,
} from "./fixtures";

const G1 = `${V1}001`;
const QUEUE = "civicgrid-basedata-events-registry";

/** A basedata.grid-counts.changed event as the village object sends it. */
const counted = (version: number, figures: { population: number; households: number }, gridCode = G1) => ({
  id: `basedata.grid-counts.changed:${gridCode}:${version}`,
  type: "basedata.grid-counts.changed",
  source: `basedata/${V1}`,
  aggregateId: gridCode,
  version,
  occurredAt: `2026-12-01T0${version}:00:00.000Z`,
  data: { gridCode, villageCode: V1, ...figures, version },
});

let sequence = 0;
async function deliver(...bodies: unknown[]) {
  const batch = createMessageBatch(
    QUEUE,
    bodies.map((body) => ({ id: `c-${++sequence}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await new RegistryService(ctx, env).queue(batch);
  return getQueueResult(batch, ctx);
}
const disclosure = async () =>
  json<{ counts?: unknown; workers: unknown[] }>(await exports.default.fetch(`${base}/v1/public/grids/${G1}`), 200);

beforeAll(seedDivisions);
beforeEach(async () => {
  await resetRegistry();
  await env.DB.prepare("DELETE FROM grid_base_counts").run();
  await fileLayout(
    PJ,
    [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
    shanghaiDay(),
  );
});

describe("the base data's counts (底数) as a grid's facts", () => {
  it("shows no counts in the disclosure until the base data has counted the grid (the typed figures stay private)", async () => {
    expect((await disclosure()).counts).toBeUndefined();
  });

  it("keeps the counts of the newest version and shows them publicly, with when they were counted", async () => {
    const result = await deliver(counted(2, { population: 37, households: 12 }));
    expect(result.explicitAcks).toEqual([`c-${sequence}`]);
    expect((await disclosure()).counts).toEqual({ households: 12, population: 37, asOf: "2026-12-01T02:00:00.000Z" });
    const row = await env.DB.prepare("SELECT source, version FROM grid_base_counts WHERE grid_code = ?")
      .bind(G1)
      .first();
    expect(row).toEqual({ source: `basedata/${V1}`, version: 2 });
  });

  it("ignores a late or repeated event: an older version never overwrites a newer one", async () => {
    await deliver(counted(3, { population: 40, households: 13 }), counted(2, { population: 37, households: 12 }));
    await deliver(counted(3, { population: 40, households: 13 }));
    await deliver(counted(1, { population: 5, households: 2 }));
    expect((await disclosure()).counts).toMatchObject({ households: 13, population: 40 });
    await deliver(counted(4, { population: 0, households: 0 }));
    expect((await disclosure()).counts).toMatchObject({ households: 0, population: 0 });
  });

  it("retries an unreadable event (then the dead-letter queue takes it) and acknowledges other event types", async () => {
    const bad = { ...counted(1, { population: 1, households: 1 }), data: { gridCode: G1, population: -1 } };
    const other = { ...counted(1, { population: 1, households: 1 }), type: "basedata.submission.approved" };
    const result = await deliver(bad, other);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([`c-${sequence - 1}`]);
    expect(result.explicitAcks).toEqual([`c-${sequence}`]);
    expect((await disclosure()).counts).toBeUndefined();
  });

  it("refuses a layout edit typing households or population of a counted grid, naming the field", async () => {
    await deliver(counted(1, { population: 37, households: 12 }));
    const layout = await json<{ id: string; version: number }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }),
      201,
    );
    const res = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [{ op: "update", code: G1, grid: { name: "改名网格", population: 900 } }] },
      { "if-match": `"v${layout.version}"` },
    );
    const problem = await json<{ errors: { field: string }[] }>(res, 422);
    expect(problem.errors.map((e) => e.field)).toEqual(["body.changes.0.grid.population"]);
  });

  it("still lets an uncounted grid's figures be typed, and a counted grid's other fields be edited", async () => {
    const typed = await draftWith(PJ, [{ op: "update", code: G1, grid: { households: 450 } }]);
    expect(typed.layout.changes).toHaveLength(1);
    await env.DB.prepare("DELETE FROM layout_ops").run();
    await env.DB.prepare("DELETE FROM layouts WHERE status != 'accepted'").run();
    await deliver(counted(1, { population: 37, households: 12 }));
    const renamed = await draftWith(PJ, [{ op: "update", code: G1, grid: { name: "改名网格" } }]);
    expect(renamed.layout.changes).toHaveLength(1);
  });
});

describe("division (RegistryRpc)", () => {
  it("answers a division's name and level, and null for a code the registry does not keep", async () => {
    const registry = exports.default;
    expect(await registry.division(V1)).toEqual({ code: V1, name: "一号社区", level: "village" });
    expect(await registry.division("440703001099")).toBeNull();
    const direct = new RegistryService(createExecutionContext(), env);
    await expect(direct.division("4407")).rejects.toThrow(TypeError);
  });
});
