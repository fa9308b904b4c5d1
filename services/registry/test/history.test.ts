import { exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
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

const create = (boundary: unknown, extra: Record<string, unknown> = {}) => ({
  op: "create",
  villageCode: V1,
  grid: gridFields(boundary, extra),
});
const whole = rect(113.0, 22.5, 113.02, 22.52);
const left = rect(113.0, 22.5, 113.01, 22.52);
const right = rect(113.01, 22.5, 113.02, 22.52);
const [G1, G2, G3] = [`${V1}001`, `${V1}002`, `${V1}003`];
type History = {
  events: { kind: string; related: string[]; effectiveDate: string }[];
  versions: { version: number; validFrom: string; validTo: string | null }[];
};

beforeAll(seedDivisions);
beforeEach(resetRegistry);

describe("grid history", () => {
  it("records a split: the source retires into its parts, which remember where they came from", async () => {
    await fileLayout(PJ, [create(whole)], shanghaiDay());
    const split = await fileLayout(
      PJ,
      [{ op: "split", code: G1, parts: [gridFields(left), gridFields(right)] }],
      shanghaiDay(1),
    );
    expect(split.changes.map((c) => `${c.code}:${c.kind}`).sort()).toEqual([
      `${G1}:split`,
      `${G2}:split`,
      `${G3}:split`,
    ]);
    const source = await json<History>(await call(principals.countyAgency, "GET", `/v1/grids/${G1}/history`), 200);
    expect(source.events.map((e) => [e.kind, e.related, e.effectiveDate])).toEqual([
      ["created", [], shanghaiDay()],
      ["split", [G2, G3], shanghaiDay(1)],
    ]);
    expect(source.versions).toEqual([
      expect.objectContaining({ version: 1, validFrom: shanghaiDay(), validTo: shanghaiDay(1) }),
    ]);
    const part = await json<History>(await call(principals.countyAgency, "GET", `/v1/grids/${G2}/history`), 200);
    expect(part.events).toEqual([expect.objectContaining({ kind: "split", related: [G1] })]);
    // Until tomorrow the source is in force and the parts are not yet.
    expect(
      (await json<{ status: string }>(await call(principals.countyAgency, "GET", `/v1/grids/${G1}`), 200)).status,
    ).toBe("active");
    expect(
      (await json<{ status: string }>(await call(principals.countyAgency, "GET", `/v1/grids/${G2}`), 200)).status,
    ).toBe("draft");
  });

  it("records a redraw (both sides of a moved edge), a merge whose sources retire, and an update", async () => {
    await fileLayout(PJ, [create(left), create(right)], shanghaiDay());
    const moved = [
      { op: "update", code: G1, grid: { boundary: rect(113.0, 22.5, 113.012, 22.52) } },
      { op: "update", code: G2, grid: { boundary: rect(113.012, 22.5, 113.02, 22.52) } },
    ];
    expect((await fileLayout(PJ, moved, shanghaiDay())).changes.map((c) => c.kind)).toEqual(["redrawn", "redrawn"]);
    const redrawn = await json<History>(await call(principals.countyAgency, "GET", `/v1/grids/${G1}/history`), 200);
    expect(redrawn.events.map((e) => e.kind)).toEqual(["created", "redrawn"]);
    expect(redrawn.versions.map((v) => v.version)).toEqual([1, 2]);
    await fileLayout(
      PJ,
      [{ op: "merge", codes: [G1, G2], grid: gridFields(whole, { name: "合并网格" }) }],
      shanghaiDay(),
    );
    const merged = await json<History>(await call(principals.countyAgency, "GET", `/v1/grids/${G3}/history`), 200);
    expect(merged.events).toEqual([expect.objectContaining({ kind: "merged", related: [G1, G2] })]);
    expect(
      (await json<{ status: string }>(await call(principals.countyAgency, "GET", `/v1/grids/${G1}`), 200)).status,
    ).toBe("retired");
    expect(await exports.default.grid(G1)).toMatchObject({ code: G1, status: "retired" });
    await fileLayout(PJ, [{ op: "update", code: G3, grid: { households: 450 } }], shanghaiDay());
    const updated = await json<History>(await call(principals.countyAgency, "GET", `/v1/grids/${G3}/history`), 200);
    expect(updated.events.map((e) => e.kind)).toEqual(["merged", "updated"]);
    // Only what the edit sends changes: the description filed with the merge stays.
    expect(await json(await call(principals.countyAgency, "GET", `/v1/grids/${G3}`), 200)).toMatchObject({
      households: 450,
      areaDescription: "测试片区",
      name: "合并网格",
    });
  });

  it("never hands a grid code out twice, even when its draft grid was dropped", async () => {
    const { layout } = await draftWith(PJ, [create(whole)]);
    const dropped = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [{ op: "retire", code: G1 }, create(whole)] },
      { "if-match": `"v${layout.version}"` },
    );
    const after = await json<{ layout: { changes: { code: string }[] } }>(dropped, 200);
    expect(after.layout.changes.map((c) => c.code)).toEqual([G2]);
  });
});

describe("which grid covered a point on a date", () => {
  const west: [number, number] = [113.005, 22.51];

  it("answers from grid history: before, on and after a change takes effect", async () => {
    await fileLayout(PJ, [create(left), create(right)], shanghaiDay());
    await fileLayout(PJ, [{ op: "merge", codes: [G1, G2], grid: gridFields(whole) }], shanghaiDay(2));
    const on = (date?: string) => exports.default.locate(west[0], west[1], date);
    expect((await on())?.gridCode).toBe(G1);
    expect((await on(shanghaiDay(1)))?.gridCode).toBe(G1);
    expect((await on(shanghaiDay(2)))?.gridCode).toBe(G3);
    expect(await on(shanghaiDay(-1))).toBeNull();
    const http = await json<{ gridCode: string }>(
      await call(principals.gridWorker, "GET", `/v1/lookup?lng=${west[0]}&lat=${west[1]}&onDate=${shanghaiDay(3)}`),
      200,
    );
    expect(http.gridCode).toBe(G3);
  });

  it("sees a new layout at once: the cached index is rebuilt when the layout version moves", async () => {
    await fileLayout(PJ, [create(left), create(right)], shanghaiDay());
    expect((await exports.default.locate(...west))?.gridCode).toBe(G1);
    await fileLayout(PJ, [{ op: "merge", codes: [G1, G2], grid: gridFields(whole) }], shanghaiDay());
    expect((await exports.default.locate(...west))?.gridCode).toBe(G3);
  });
});
