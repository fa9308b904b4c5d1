// Base data (一标三实) through the gateway, on the real system: collection as submissions, verification by the
// village agency, the field history, jurisdiction, and a county's settings (issue 14 items 1, 2, 8).
import { describe, expect, it } from "vitest";
import { call } from "./client";
import { pointIn, WORKER_GRID } from "./places";

const village = WORKER_GRID.slice(0, 12); // 羊桥社区, 白沙街道, 蓬江区
const villageAgency = "demo-village-agency";
const worker = "demo-grid-worker";
const otherCountyWorker = "user-worker-440705001002001-chief"; // 新会区
const county = "demo-county-agency-440703";
const run = Date.now() % 1_000_000;

type Submission = { id: string; status: string; recordId: string | null; gridCode: string | null; version: number };

async function submit(as: string, change: Record<string, unknown>, verifyNow = false) {
  return call("/v1/basedata/submissions", {
    as,
    body: { villageCode: village, change, verifyNow },
    headers: { "idempotency-key": `e2e-${crypto.randomUUID()}` },
  });
}

async function submitted(as: string, change: Record<string, unknown>, verifyNow = false): Promise<Submission> {
  const res = await submit(as, change, verifyNow);
  expect(res.status, res.text).toBe(201);
  return res.json as unknown as Submission;
}

/** A door number under a road, at a point of the demo grid worker's grid. */
const doorUnder = (road: Submission, name: string) => ({
  kind: "address.create",
  level: "door",
  parentId: road.recordId,
  name,
  ...pointIn(WORKER_GRID),
});

describe("base data through the gateway", () => {
  it("an agency enters a road and a door, a grid worker collects a door, the village agency verifies it", async () => {
    const road = await submitted(villageAgency, { kind: "address.create", level: "road", name: `测试路${run}` }, true);
    expect(road).toMatchObject({ status: "approved", gridCode: null });
    const door = await submitted(villageAgency, doorUnder(road, "1号"), true);
    expect(door).toMatchObject({ status: "approved", gridCode: WORKER_GRID });

    const door2 = doorUnder(road, "2号");
    const collected = await submitted(worker, door2);
    expect(collected).toMatchObject({ status: "pending", recordId: null, gridCode: WORKER_GRID });
    const pending = await call(`/v1/basedata/submissions?villageCode=${village}&status=pending`, { as: villageAgency });
    expect(pending.status).toBe(200);
    expect((pending.json.items as Submission[]).map((s) => s.id)).toContain(collected.id);

    const decided = await call(`/v1/basedata/submissions/${collected.id}/decision`, {
      as: villageAgency,
      body: { decision: "approve" },
      headers: { "if-match": `"v${collected.version}"`, "idempotency-key": `e2e-${crypto.randomUUID()}` },
    });
    expect(decided.status, decided.text).toBe(200);
    const approved = decided.json as unknown as Submission;
    expect(approved.status).toBe("approved");
    expect(approved.recordId).toMatch(new RegExp(`^ad-${village}-\\d+$`));

    // The history keeps who let each field into the base, when, and from which source (the worker's submission).
    const history = await call(`/v1/basedata/records/${approved.recordId}/history`, { as: worker });
    expect(history.status, history.text).toBe(200);
    type Row = { field: string; value: string | null; previous: unknown; by: string; source: string; at: string };
    const items = history.json.items as Row[];
    expect(items.find((i) => i.field === "name")).toMatchObject({ value: "2号", previous: null });
    expect(items.find((i) => i.field === "gridCode")?.value).toBe(WORKER_GRID);
    for (const item of items)
      expect(item).toMatchObject({ by: villageAgency, source: `submission:${collected.id}`, at: expect.any(String) });

    // The same door entered again is found, not duplicated: a blocking conflict names the door kept.
    const again = await submitted(worker, door2);
    const seen = await call(`/v1/basedata/submissions/${again.id}`, { as: villageAgency });
    expect(seen.json.conflicts).toEqual([expect.objectContaining({ code: "duplicate_address", blocking: true })]);
  });

  it("refuses a grid worker of another county, whatever they name", async () => {
    const road = await submitted(villageAgency, { kind: "address.create", level: "road", name: `越权路${run}` }, true);
    const refused = await submit(otherCountyWorker, doorUnder(road, "9号"));
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json.errors).toEqual([expect.objectContaining({ field: "body.change.parentId" })]);
    const road2 = await submit(otherCountyWorker, { kind: "address.create", level: "road", name: `越权路${run}b` });
    expect(road2.status, road2.text).toBe(403);
    expect((await call(`/v1/basedata/records/${road.recordId}/history`, { as: otherCountyWorker })).status).toBe(403);
    expect((await call(`/v1/basedata/submissions?villageCode=${village}`, { as: otherCountyWorker })).status).toBe(403);
  });

  it("a county agency reads and sets its settings with If-Match; no one else sets them", async () => {
    const path = "/v1/basedata/settings/440703000000";
    const read = await call(path, { as: county });
    expect(read.status, read.text).toBe(200);
    const etag = read.headers.get("etag")!;
    const body = { visitRules: { elderly_alone: { amount: 2, unit: "week" } }, retentionDays: 730 };
    const put = (as: string, ifMatch = etag) =>
      call(path, { as, method: "PUT", body, headers: { "if-match": ifMatch } });
    expect((await put(villageAgency)).status).toBe(403);
    expect((await put("demo-county-agency-440705")).status).toBe(403);
    const set = await put(county);
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ countyCode: "440703000000", retentionDays: 730 });
    expect((await put(county)).status).toBe(412);
    expect((await call(path, { as: county })).json).toMatchObject({ retentionDays: 730 });
  });
});
