import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, deliver, gridEvent, screenedWorker } from "./helpers";

/** The registry's grid snapshots (registry.grid.changed on civicgrid-registry-events-roster) become known grids. */
const agency = principals.countyAgency;
const VILLAGE = "440703003001";
let seq = 300;
const freshGrid = () => `${VILLAGE}${++seq}`;
type Vacancies = { items: { gridCode: string; missing: string[] }[] };
const vacancies = async () =>
  (await call<Vacancies>(agency, "GET", `/v1/roster/vacancies?divisionCode=${VILLAGE}&limit=200`)).body.items;
const stored = (code: string) =>
  env.DB.prepare("SELECT status, version, event_id FROM known_grids WHERE code = ?1").bind(code).first();
const appoint = (workerId: string, gridCode: string) =>
  call<{ errors: { field: string }[] }>(agency, "POST", "/v1/assignments", { workerId, gridCode, role: "part_time" });

describe("grids the registry creates reach the roster's vacancy report", () => {
  it("puts a newly created grid into the vacancy report, lacking its chief", async () => {
    const grid = freshGrid();
    expect(await vacancies()).not.toContainEqual(expect.objectContaining({ gridCode: grid }));
    const result = await deliver(gridEvent(grid));
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await vacancies()).toContainEqual({ gridCode: grid, missing: ["chief"] });
  });

  it("lets a worker be appointed to a grid only once the registry has announced it", async () => {
    const grid = freshGrid();
    const w = await screenedWorker(agency, VILLAGE);
    expect((await appoint(w.id, grid)).status).toBe(422);
    await deliver(gridEvent(grid));
    expect((await appoint(w.id, grid)).status).toBe(201);
  });

  it("takes a retired grid out of the vacancy report and refuses new appointments to it", async () => {
    const grid = freshGrid();
    await deliver(gridEvent(grid, 1));
    await deliver(gridEvent(grid, 2, "retired"));
    expect(await vacancies()).not.toContainEqual(expect.objectContaining({ gridCode: grid }));
    const w = await screenedWorker(agency, VILLAGE);
    const res = await appoint(w.id, grid);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.field)).toEqual(["body.gridCode"]);
  });
});

describe("delivery at least once, in any order", () => {
  it("treats a redelivered snapshot as harmless", async () => {
    const grid = freshGrid();
    const event = gridEvent(grid, 3);
    await deliver(event);
    const again = await deliver(event, event);
    expect(again.explicitAcks).toHaveLength(2);
    expect(await stored(grid)).toEqual({ status: "active", version: 3, event_id: event.id });
    expect((await vacancies()).filter((v) => v.gridCode === grid)).toHaveLength(1);
  });

  it("never lets an older version overwrite a newer one, within a batch or across batches", async () => {
    const grid = freshGrid();
    await deliver(gridEvent(grid, 5, "retired"), gridEvent(grid, 4));
    expect(await stored(grid)).toMatchObject({ status: "retired", version: 5 });
    await deliver(gridEvent(grid, 2));
    expect(await stored(grid)).toMatchObject({ status: "retired", version: 5 });
    expect(await vacancies()).not.toContainEqual(expect.objectContaining({ gridCode: grid }));
    await deliver(gridEvent(grid, 6));
    expect(await stored(grid)).toMatchObject({ status: "active", version: 6 });
  });
});

describe("messages the roster cannot read", () => {
  it("retries an unreadable message towards the dead-letter queue, keeping the good ones of its batch", async () => {
    const grid = freshGrid();
    const mismatched = { ...gridEvent(freshGrid()), aggregateId: "440703003001999" };
    const badData = { ...gridEvent(freshGrid()), data: { gridCode: "x" } };
    const result = await deliver("not json at all", mismatched, badData, gridEvent(grid));
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(result.ids.slice(0, 3));
    expect(result.explicitAcks).toEqual(result.ids.slice(3));
    expect(await stored(grid)).toMatchObject({ status: "active", version: 1 });
  });

  it("acknowledges registry events of other types without changing anything", async () => {
    const other = { ...gridEvent(freshGrid()), type: "registry.disclosure.changed" };
    const result = await deliver(other);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await stored(other.aggregateId)).toBeNull();
  });
});
