// Base data (一标三实) through the gateway, on the real system: collection as submissions, verification by the
// village agency, the field history, jurisdiction, a county's settings (issue 14 items 1, 2, 8), and one flow across
// houses, people, tags, visits, the visit plan, counts and a ledger import (items 3-7, 10, 11).
import { describe, expect, it } from "vitest";
import {
  addressLedger,
  entered,
  newResident,
  rentedHouse,
  residentId,
  shanghaiDay,
  uploadLedger,
  visitBody,
  visited,
} from "./basedata-client";
import { eventually } from "./cases-client";
import { call } from "./client";
import { pointIn, WORKER_GRID } from "./places";

const village = WORKER_GRID.slice(0, 12); // 羊桥社区, 白沙街道, 蓬江区
const villageAgency = "demo-village-agency";
const worker = "demo-grid-worker";
const otherCountyWorker = "user-worker-440705001002001-chief"; // 新会区
const county = "demo-county-agency-440703";
const police = "demo-department-440703-police"; // 公安: owns drug_user and key_youth, not elderly_alone (民政)
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

  it("a tagged resident of the worker's grid: the worker visits, the plan and the village's counts show it", async () => {
    type Figures = { people?: { total: number }; tagged: Record<string, number> };
    const counts = async () => {
      const res = await call(`/v1/basedata/counts?divisionCode=${village}`, { as: villageAgency });
      expect(res.status, res.text).toBe(200);
      return res.json as unknown as Figures;
    };
    const before = await counts();
    const road = await submitted(villageAgency, { kind: "address.create", level: "road", name: `走访路${run}` }, true);
    const door = (await submitted(villageAgency, doorUnder(road, "8号"), true)).recordId!;
    const house = await entered(villageAgency, village, rentedHouse(door));
    const [idNumber, phone] = [residentId("19400105"), "13912345678"];
    const person = await entered(villageAgency, village, newResident(house, { idNumber, name: "李独居", phone }));
    const tag = { kind: "tag.add", personId: person, tagKind: "elderly_alone", reason: "独居", source: "民政局名单" };
    await entered(villageAgency, village, { ...tag, start: shanghaiDay() });

    // The answer masks the identity and the phone (PIPL art. 28); the agency sees the non-sensitive care tag.
    const seen = await call(`/v1/basedata/people/${person}`, { as: villageAgency });
    expect(seen.status, seen.text).toBe(200);
    expect(seen.json).toMatchObject({
      idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`,
      phone: "139****5678",
      gridCode: WORKER_GRID,
      tags: [expect.objectContaining({ kind: "elderly_alone", end: null })],
    });
    expect(seen.text).not.toContain(idNumber);
    expect(seen.text).not.toContain(phone);
    // 公安 owns no tag this person carries: its staff may not read them.
    expect((await call(`/v1/basedata/people/${person}`, { as: police })).status).toBe(403);

    const visit = await visited(worker, visitBody("person", person, pointIn(WORKER_GRID), "elderly_alone"));
    const listed = await call(`/v1/basedata/visits?gridCode=${WORKER_GRID}&targetId=${person}`, { as: worker });
    expect(listed.status, listed.text).toBe(200);
    expect((listed.json.items as { id: string }[]).map((v) => v.id)).toEqual([visit]);
    const plan = await call(`/v1/basedata/visit-plan?gridCode=${WORKER_GRID}`, { as: worker });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.json.entries).toContainEqual(
      expect.objectContaining({ personId: person, name: "李*居", tagKind: "elderly_alone", status: "ok" }),
    );
    const entry = (plan.json.entries as { personId: string; lastVisitOn: string }[]).find((e) => e.personId === person);
    expect(entry?.lastVisitOn).toBe(shanghaiDay());

    // The village object pushes its counts from its alarm: they follow shortly.
    await eventually(counts, (after) => {
      expect(after.people?.total ?? 0).toBeGreaterThanOrEqual((before.people?.total ?? 0) + 1);
      expect(after.tagged.elderly_alone ?? 0).toBeGreaterThanOrEqual((before.tagged.elderly_alone ?? 0) + 1);
    });
  });

  it("a village agency imports a small address ledger: validated, then applied", async () => {
    const road = `导入路${run}`;
    const upload = await uploadLedger(villageAgency, "addresses", village, addressLedger(road, pointIn(WORKER_GRID)));
    expect(upload.status, upload.text).toBe(202);
    const path = `/v1/basedata/imports/${String(upload.json.id)}`;
    expect(upload.headers.get("location")).toBe(path);
    const done = await eventually(
      () => call(path, { as: villageAgency }),
      (res) => expect(res.json.status).toBe("applied"),
      60_000,
    );
    expect(done.json).toMatchObject({ kind: "addresses", rows: 1, errorCount: 0, finishedAt: expect.any(String) });
    const q = encodeURIComponent(road);
    const found = await call(`/v1/basedata/addresses?villageCode=${village}&q=${q}`, { as: villageAgency });
    expect(found.status, found.text).toBe(200);
    expect((found.json.items as { fullName: string }[]).map((a) => a.fullName)).toEqual(
      expect.arrayContaining([road, `${road}1号`]),
    );
    expect((await call(path, { as: "demo-county-agency-440705" })).status).toBe(403);
  });
});
