import type { Import } from "@civicgrid/contracts";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { villageStub } from "../src/env";
import { layoutOf, mapRow } from "../src/imports/map";
import BaseDataService from "../src/index";
import { call, entered, GRID_1, VILLAGE, who, XINHUI } from "./helpers";
import { ADDRESS_HEADER, csv } from "./fixtures/ledgers";
import { imported, roadKept, settled } from "./fixtures/imports";

const door = (road: string, point: { lng: number; lat: number }) => [road, "1号", "", "", "", point.lng, point.lat];

describe("ledger imports: chunks apply whole, once, in order, and resume after a failure", () => {
  it("a chunk that fails at apply stops the import there; the chunks before stay whole; resume finishes it", async () => {
    // 260 rows → two chunks (250 rows, then 10). Row 255's door lies in 新会: only the registry knows, at apply.
    const rows = Array.from({ length: 260 }, (_, i) => door(`分块路${i + 1}`, i + 1 === 255 ? XINHUI : GRID_1));
    const failed = await imported(csv([[...ADDRESS_HEADER], ...rows]));
    expect(failed).toMatchObject({ status: "failed", rows: 260, chunks: 2, appliedChunks: 1, appliedRows: 250 });
    expect(failed.errors).toEqual([expect.objectContaining({ row: 255, field: "经度" })]);
    expect(await roadKept("分块路250")).not.toBeNull();
    // Rows 251-254 were in the failed chunk: rolled back with it, never half a chunk.
    expect(await roadKept("分块路252")).toBeNull();

    // The agency keeps that door itself (right point); the ledger's row then finds it on resume.
    const road = await entered({ kind: "address.create", level: "road", name: "分块路255" });
    await entered({ kind: "address.create", level: "door", parentId: road.recordId!, name: "1号", ...GRID_1 });
    const resumed = await call(who.villageAgency, "POST", `/v1/basedata/imports/${failed.id}/resume`);
    expect(resumed.status).toBe(202);
    const done = await settled(failed.id);
    expect(done).toMatchObject({ status: "applied", appliedChunks: 2, appliedRows: 260, errors: [] });
    expect(await roadKept("分块路255")).toBe(road.recordId);
    expect(await roadKept("分块路260")).not.toBeNull();

    const again = await call(who.villageAgency, "POST", `/v1/basedata/imports/${failed.id}/resume`);
    expect(again.status).toBe(409);
  });

  it("a chunk delivered twice is applied once: the village answers what it did the first time", async () => {
    const layout = layoutOf("addresses", [...ADDRESS_HEADER], false);
    const ctx = { division: VILLAGE, township: false, today: "2026-12-01", fileName: "t.csv" };
    const mapped = mapRow(layout, 1, door("重投路", GRID_1).map(String), ctx);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const actor = { sub: who.villageAgency.sub, role: "agency" as const, divisionCode: VILLAGE, grids: [] };
    const input = { importId: "im-redelivered0000000000", chunk: 0, columns: layout.columns, rows: [mapped.row] };
    const stub = villageStub(env, VILLAGE);
    const first = await stub.applyImportChunk(VILLAGE, input, actor);
    const second = await stub.applyImportChunk(VILLAGE, input, actor);
    expect(first).toMatchObject({ ok: true, value: { rows: 1, replayed: false } });
    expect(second).toEqual({ ok: true, value: { ...(first.ok ? first.value : {}), replayed: true } });
    expect(await roadKept("重投路")).toBe(first.ok ? first.value.records[0] : "");
  });

  it("a queue message for an import already applied is acknowledged and changes nothing", async () => {
    const done = await imported(csv([[...ADDRESS_HEADER], door("回放路", GRID_1)]));
    expect(done.status).toBe("applied");
    const batch = createMessageBatch("civicgrid-basedata-imports", [
      { id: "m-1", timestamp: new Date(), attempts: 1, body: { type: "chunk", importId: done.id, chunk: 0 } },
      { id: "m-2", timestamp: new Date(), attempts: 1, body: { type: "validate", importId: done.id } },
    ]);
    const ctx = createExecutionContext();
    await new BaseDataService(ctx, env).queue(batch);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m-1", "m-2"]);
    const after = await (await call(who.villageAgency, "GET", `/v1/basedata/imports/${done.id}`)).json<Import>();
    expect(after).toEqual(done);
  });
});
