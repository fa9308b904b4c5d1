import { principals } from "@civicgrid/testing";
import type { CaseView, Hotspot, HotspotRun, Principal } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE, report, XINHUI } from "./helpers";

const PENGJIANG = "440703000000";
/** The current month in Asia/Shanghai: the cases reported by these tests fall in it. */
const MONTH = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
/** About 30 m of latitude: reports this far apart lie at one place (the rule's radius is 100 m). */
const NEAR = 0.0003;

type Page = { items: Hotspot[]; nextCursor: string | null };
type Problem = { status: number; detail: string; errors?: { field: string }[] };

/** Reports of one matter at offsets (in degrees of latitude) from a point, by a reporter serving it. */
async function reportsAt(who: Principal, categoryCode: string, offsets: number[], at = HERE): Promise<CaseView[]> {
  const made: CaseView[] = [];
  for (const d of offsets) made.push(await report(who, { categoryCode, lng: at.lng, lat: at.lat + d }));
  return made;
}

async function analyse(who: Principal, countyCode = PENGJIANG, month = MONTH) {
  return call(who, "POST", "/v1/hotspots/analyse", { countyCode, month });
}

async function proposalsOf(categoryCode: string, who: Principal = principals.countyAgency): Promise<Hotspot[]> {
  const res = await analyse(who);
  expect(res.status).toBe(200);
  return (await res.json<HotspotRun>()).hotspots.filter((h) => h.categoryCode === categoryCode);
}

describe("the analysis finds a matter recurring at one place", () => {
  it("three reports of one matter within 100 m in the month make one proposal with its centre, grid and cases", async () => {
    const cases = await reportsAt(principals.gridWorker, "H01", [0, NEAR, 2 * NEAR]);
    const [h, ...more] = await proposalsOf("H01");
    expect(more).toEqual([]);
    expect(h).toMatchObject({
      countyCode: PENGJIANG,
      month: MONTH,
      status: "proposed",
      count: 3,
      gridCode: "440703001001001",
      villageCode: "440703001001",
      caseId: null,
    });
    expect([...h!.caseIds].sort()).toEqual(cases.map((c) => c.id).sort());
    expect(h!.lat).toBeCloseTo(HERE.lat + NEAR, 5);
    expect(h!.radiusMeters).toBeGreaterThan(30);
    expect(h!.radiusMeters).toBeLessThanOrEqual(100);
  });

  it("two reports, reports spread out, or three of different matters make none", async () => {
    await reportsAt(principals.gridWorker, "H02", [0, NEAR]);
    await reportsAt(principals.gridWorker, "H03", [0, 0.003, 0.006]); // ~330 m apart
    for (const matter of ["H04", "H05", "H06"]) await reportsAt(principals.gridWorker, matter, [0]);
    const res = await analyse(principals.countyAgency);
    const found = (await res.json<HotspotRun>()).hotspots.map((h) => h.categoryCode);
    expect(found).not.toContain("H02");
    expect(found).not.toContain("H03");
    expect(found.filter((m) => ["H04", "H05", "H06"].includes(m))).toEqual([]);
  });

  it("analysing the month again proposes nothing twice, and a third recurrence later joins no existing proposal", async () => {
    await reportsAt(principals.gridWorker, "H07", [0, NEAR, 2 * NEAR]);
    const first = await proposalsOf("H07");
    expect(first).toHaveLength(1);
    expect(await proposalsOf("H07")).toEqual(first);
    // Two more at the place: no case is in two proposals, and two new ones are not yet a recurrence of their own.
    await reportsAt(principals.gridWorker, "H07", [NEAR, 2 * NEAR]);
    expect(await proposalsOf("H07")).toEqual(first);
    await reportsAt(principals.gridWorker, "H07", [0]);
    const now = await proposalsOf("H07");
    expect(now).toHaveLength(2);
    expect(new Set(now.flatMap((h) => h.caseIds)).size).toBe(6);
  });

  it("refuses a month that has not begun and a code that is no county, naming the field", async () => {
    const next = await analyse(principals.countyAgency, PENGJIANG, "2999-01");
    expect(next.status).toBe(400);
    expect((await next.json<Problem>()).errors?.map((e) => e.field)).toEqual(["body.month"]);
    const township = await analyse(principals.countyAgency, "440703001000");
    expect(township.status).toBe(400);
    expect((await township.json<Problem>()).errors?.[0]?.field).toBe("body.countyCode");
  });
});

describe("issuing a proposal opens a proactive work order in one step", () => {
  it("issue creates the work order to the grid's workers for the matter and marks the proposal issued; twice is 409", async () => {
    await reportsAt(principals.gridWorker, "H11", [0, NEAR, 2 * NEAR]);
    const [h] = await proposalsOf("H11");
    const res = await call(principals.countyAgency, "POST", `/v1/hotspots/${h!.id}/issue`, { action: "act" });
    expect(res.status).toBe(201);
    const order = await res.json<CaseView>();
    expect(order).toMatchObject({
      source: "agency",
      categoryCode: "H11",
      gridCode: "440703001001001",
      workOrder: { action: "act", assignedBy: principals.countyAgency.sub },
    });
    expect(order.title).toContain("未诉先办");
    expect(res.headers.get("location")).toBe(`/v1/cases/${order.id}`);
    const read = await call(principals.gridWorker, "GET", `/v1/cases/${order.id}`);
    expect(read.status).toBe(200);

    const [issued] = await proposalsOf("H11");
    expect(issued).toMatchObject({ status: "issued", caseId: order.id, decidedBy: principals.countyAgency.sub });
    const again = await call(principals.countyAgency, "POST", `/v1/hotspots/${h!.id}/issue`, {});
    expect(again.status).toBe(409);
    expect((await again.json<Problem>()).detail).toContain(order.id);
    const dismiss = await call(principals.countyAgency, "POST", `/v1/hotspots/${h!.id}/dismiss`, { reason: "已处理" });
    expect(dismiss.status).toBe(409);
  });

  it("dismiss records the reason; a dismissed proposal is not issued", async () => {
    await reportsAt(principals.gridWorker, "H12", [0, NEAR, 2 * NEAR]);
    const [h] = await proposalsOf("H12");
    const empty = await call(principals.townshipAgency, "POST", `/v1/hotspots/${h!.id}/dismiss`, {});
    expect(empty.status).toBe(400);
    const res = await call(principals.townshipAgency, "POST", `/v1/hotspots/${h!.id}/dismiss`, {
      reason: "施工期间临时现象",
    });
    expect(res.status).toBe(200);
    expect(await res.json<Hotspot>()).toMatchObject({
      status: "dismissed",
      dismissReason: "施工期间临时现象",
      decidedBy: principals.townshipAgency.sub,
    });
    expect((await call(principals.countyAgency, "POST", `/v1/hotspots/${h!.id}/issue`, {})).status).toBe(409);
    const list = await call(principals.countyAgency, "GET", `/v1/hotspots?countyCode=${PENGJIANG}&status=dismissed`);
    expect((await list.json<Page>()).items.map((x) => x.id)).toContain(h!.id);
  });
});

describe("jurisdiction", () => {
  it("another county's agency may not list, analyse, issue or dismiss Pengjiang's proposals", async () => {
    await reportsAt(principals.gridWorker, "H21", [0, NEAR, 2 * NEAR]);
    const [h] = await proposalsOf("H21");
    const other = principals.otherCountyAgency;
    expect((await call(other, "GET", `/v1/hotspots?countyCode=${PENGJIANG}`)).status).toBe(403);
    expect((await analyse(other)).status).toBe(403);
    const issue = await call(other, "POST", `/v1/hotspots/${h!.id}/issue`, {});
    expect(issue.status).toBe(403);
    expect((await issue.json<Problem>()).errors?.map((e) => e.field)).toEqual(["param.id"]);
    expect((await call(other, "POST", `/v1/hotspots/${h!.id}/dismiss`, { reason: "不是我们的" })).status).toBe(403);
    expect((await call(principals.countyAgency, "GET", `/v1/hotspots?countyCode=${PENGJIANG}`)).status).toBe(200);
    const [still] = await proposalsOf("H21");
    expect(still!.status).toBe("proposed");
  });

  it("a township reads its own county's proposals but may not analyse the county; workers and departments are refused", async () => {
    await reportsAt(principals.gridWorker, "H22", [0, NEAR, 2 * NEAR]);
    await proposalsOf("H22");
    const list = await call(principals.townshipAgency, "GET", `/v1/hotspots?countyCode=${PENGJIANG}`);
    expect(list.status).toBe(200);
    expect((await list.json<Page>()).items.map((h) => h.categoryCode)).toContain("H22");
    expect((await analyse(principals.townshipAgency)).status).toBe(403);
    expect((await call(principals.gridWorker, "GET", `/v1/hotspots?countyCode=${PENGJIANG}`)).status).toBe(403);
    expect((await call(principals.department, "GET", `/v1/hotspots?countyCode=${PENGJIANG}`)).status).toBe(403);
  });

  it("the list pages newest first and filters by status", async () => {
    await reportsAt(principals.gridWorker, "H23", [0, NEAR, 2 * NEAR]);
    await proposalsOf("H23");
    const path = `/v1/hotspots?countyCode=${PENGJIANG}&status=proposed&limit=1`;
    const first = await (await call(principals.countyAgency, "GET", path)).json<Page>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await call(principals.countyAgency, "GET", `${path}&cursor=${first.nextCursor}`);
    const second = (await next.json<Page>()).items;
    expect(second).toHaveLength(1);
    expect(second[0]!.id).not.toBe(first.items[0]!.id);
    expect(second[0]!.createdAt <= first.items[0]!.createdAt).toBe(true);
    expect([...first.items, ...second].every((h) => h.status === "proposed")).toBe(true);
  });

  it("an unknown proposal is 404", async () => {
    const res = await call(principals.countyAgency, "POST", `/v1/hotspots/hs-202601-${PENGJIANG}-999/issue`, {});
    expect(res.status).toBe(404);
  });
});

describe("the monthly run (cron)", () => {
  it("on the 1st it analyses the month before for every county with cases, once and for good", async () => {
    const agency = principals.otherCountyAgency;
    await reportsAt(agency, "H31", [0, NEAR, 2 * NEAR], XINHUI);
    const [y, m] = MONTH.split("-").map(Number) as [number, number];
    // 00:45 on the 1st of next month in Shanghai is 16:45 UTC on the last day of this month.
    const firstOfNext = Date.UTC(y, m, 1) - 8 * 3_600_000 + 45 * 60_000;
    const outcome = await exports.default.runCron("45 16 * * *", firstOfNext);
    expect(outcome).toMatchObject({ ran: true, result: { month: MONTH } });
    const list = await call(agency, "GET", "/v1/hotspots?countyCode=440705000000");
    const [h] = (await list.json<Page>()).items.filter((x) => x.categoryCode === "H31");
    expect(h).toMatchObject({ month: MONTH, count: 3, gridCode: "440705001001001" });
    // The month is final: a later recurrence does not change its run.
    await reportsAt(agency, "H32", [0, NEAR, 2 * NEAR], XINHUI);
    const run = await (await analyse(agency, "440705000000")).json<HotspotRun>();
    expect(run.complete).toBe(true);
    expect(run.hotspots.map((x) => x.categoryCode)).not.toContain("H32");
    // On other days the run does nothing.
    const later = await exports.default.runCron("45 16 * * *", firstOfNext + 10 * 86_400_000);
    expect(later).toMatchObject({ ran: true, result: { month: null } });
  });
});
