import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { act, call, report, step, XINHUI } from "./helpers";

type Problem = { status: number; errors?: { field: string }[] };
const fieldsOf = async (res: Response) => ((await res.json<Problem>()).errors ?? []).map((e) => e.field);
const accepted = async () =>
  step(
    principals.countyAgency,
    await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
    "accept",
  );

describe("dispatch: every department named must exist and be within the dispatcher's reach", () => {
  it("a county agency dispatching a Pengjiang (440703) case to a Xinhui (440705) department is refused naming the lead", async () => {
    const c = await accepted();
    const res = await act(principals.countyAgency, c, "dispatch", { leadDepartmentId: "dept-440705-police" });
    expect(res.status).toBe(403);
    expect(await fieldsOf(res)).toEqual(["body.leadDepartmentId"]);
    expect((await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}`)).json<CaseView>()).status).toBe(
      "accepted",
    );
  });

  it("an assisting department of another county is refused naming its index", async () => {
    const c = await accepted();
    const res = await act(principals.countyAgency, c, "dispatch", {
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440705-housing"],
    });
    expect(res.status).toBe(403);
    expect(await fieldsOf(res)).toEqual(["body.assistingDepartmentIds[0]"]);
  });

  it("an unknown department is 422 naming the field, before any jurisdiction answer", async () => {
    const c = await accepted();
    const res = await act(principals.countyAgency, c, "dispatch", {
      leadDepartmentId: "dept-440705-police",
      assistingDepartmentIds: ["dept-440703-astrology"],
    });
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["body.assistingDepartmentIds[0]"]);
  });

  it("a township agency reaches its own county's departments, never the city's (that is an escalation)", async () => {
    const c = await accepted();
    const city = await act(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440700-police" });
    expect(city.status).toBe(403);
    expect(await fieldsOf(city)).toEqual(["body.leadDepartmentId"]);
    expect(
      (await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" })).status,
    ).toBe("dispatched");
  });
});

describe("merge: the case merged into must exist and lie within the caller's jurisdiction", () => {
  it("merging into another county's case is refused naming body.intoCaseId; into one's own works", async () => {
    const c = await report(principals.gridWorker);
    const there = await report(principals.otherCountyAgency, { ...XINHUI, title: "新会井盖" });
    const res = await act(principals.countyAgency, c, "merge", { intoCaseId: there.id });
    expect(res.status).toBe(403);
    expect(await fieldsOf(res)).toEqual(["body.intoCaseId"]);
    const unknown = await act(principals.countyAgency, c, "merge", { intoCaseId: "CASE-20260101-AAAAAAAAAA" });
    expect(unknown.status).toBe(422);
    const mine = await report(principals.gridWorker, { title: "同一路灯" });
    expect(await step(principals.countyAgency, c, "merge", { intoCaseId: mine.id })).toMatchObject({
      status: "merged",
      mergedInto: mine.id,
    });
  });
});

describe("list filters name divisions, grids and departments: outside the caller's jurisdiction they are refused", () => {
  it("another county's division, grid or department is 403 naming the query parameter; one's own filters", async () => {
    const mine = await report(principals.gridWorker, { title: "本县筛选" });
    for (const [query, field] of [
      ["division=440705000000", "query.division"],
      ["grid=440705001001001", "query.grid"],
      ["department=dept-440705-police", "query.department"],
    ]) {
      const res = await call(principals.countyAgency, "GET", `/v1/cases?${query}`);
      expect(res.status).toBe(403);
      expect(await fieldsOf(res)).toEqual([field]);
    }
    expect((await call(principals.countyAgency, "GET", "/v1/cases?grid=440703009009009")).status).toBe(422);
    const own = await (
      await call(principals.countyAgency, "GET", "/v1/cases?division=440703001000&grid=440703001001001&limit=200")
    ).json<{ items: CaseView[] }>();
    expect(own.items.map((i) => i.id)).toContain(mine.id);
    const worker = await call(principals.gridWorker, "GET", "/v1/cases?grid=440705001001001");
    expect(worker.status).toBe(403);
  });
});

describe("work orders: the grid named must be active and within the assigning agency's jurisdiction", () => {
  const body = { title: "核查出租屋", description: "核查出租屋消防通道", categoryCode: "A01", action: "check" };
  it("another county's grid is 403 naming body.gridCode; an unknown grid 422", async () => {
    const there = await call(principals.countyAgency, "POST", "/v1/cases/work-orders", {
      ...body,
      gridCode: "440705001001001",
    });
    expect(there.status).toBe(403);
    expect(await fieldsOf(there)).toEqual(["body.gridCode"]);
    const unknown = await call(principals.countyAgency, "POST", "/v1/cases/work-orders", {
      ...body,
      gridCode: "440703009009009",
    });
    expect(unknown.status).toBe(422);
    expect(await fieldsOf(unknown)).toEqual(["body.gridCode"]);
  });
});
