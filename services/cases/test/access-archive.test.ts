import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { act, call, HERE, report, step, XINHUI } from "./helpers";

const ids = async (res: Response) => (await res.json<{ items: CaseView[] }>()).items.map((i) => i.id);

describe("access by role and jurisdiction", () => {
  it("each role sees only its own cases in lists and single reads", async () => {
    const here = await step(
      principals.countyAgency,
      await step(principals.gridWorker, await report(principals.gridWorker, { title: "井盖缺失危险" }), "verify"),
      "accept",
    );
    const dispatched = await step(principals.countyAgency, here, "dispatch", {
      leadDepartmentId: "dept-440703-police",
    });
    const there = await report(principals.otherCountyAgency, { ...XINHUI, title: "新会井盖缺失" });
    const mine = await report(principals.resident, { title: "楼下噪音扰民" });

    expect(await ids(await call(principals.countyAgency, "GET", "/v1/cases?limit=200"))).toEqual(
      expect.arrayContaining([here.id, mine.id]),
    );
    expect(await ids(await call(principals.countyAgency, "GET", "/v1/cases?limit=200"))).not.toContain(there.id);
    expect(await ids(await call(principals.otherCountyAgency, "GET", "/v1/cases?limit=200"))).toEqual(
      expect.arrayContaining([there.id]),
    );
    expect(await ids(await call(principals.otherCountyAgency, "GET", "/v1/cases?limit=200"))).not.toContain(here.id);
    expect(await ids(await call(principals.department, "GET", "/v1/cases?limit=200"))).toContain(dispatched.id);
    expect(await ids(await call(principals.otherDepartment, "GET", "/v1/cases?limit=200"))).not.toContain(
      dispatched.id,
    );
    expect(await ids(await call(principals.gridWorker, "GET", "/v1/cases?limit=200"))).not.toContain(there.id);
    expect(await ids(await call(principals.resident, "GET", "/v1/cases?limit=200"))).toEqual([mine.id]);
    expect((await call(principals.hr, "GET", "/v1/cases")).status).toBe(403);

    for (const p of [
      principals.otherCountyAgency,
      principals.otherDepartment,
      { ...principals.gridWorker, grids: ["440705001001001"] },
      { ...principals.resident, sub: "other" },
    ]) {
      expect((await call(p, "GET", `/v1/cases/${dispatched.id}`)).status).toBe(403);
      expect((await call(p, "GET", `/v1/cases/${dispatched.id}/archive`)).status).toBe(403);
    }
    expect((await act(principals.otherCountyAgency, dispatched, "escalate", { reason: "越权" })).status).toBe(403);
    expect((await act(principals.otherDepartment, dispatched, "sign")).status).toBe(403);
    expect(
      (
        await call({ ...principals.gridWorker, grids: ["440705001001001"] }, "POST", "/v1/cases", {
          title: "越界上报",
          description: "x",
          categoryCode: "A01",
          ...HERE,
        })
      ).status,
    ).toBe(403);
  });

  it("filters by text (FTS), status and grid, with cursor pagination", async () => {
    const a = await report(principals.gridWorker, { title: "河道垃圾堆积", description: "西江支流河道垃圾" });
    await report(principals.gridWorker, { title: "违章搭建", description: "天台违建" });
    expect(
      await ids(await call(principals.countyAgency, "GET", `/v1/cases?q=${encodeURIComponent("河道垃圾")}`)),
    ).toEqual([a.id]);
    const first = await (
      await call(principals.countyAgency, "GET", "/v1/cases?limit=1&grid=440703001001001&status=reported")
    ).json<{ items: CaseView[]; nextCursor: string }>();
    expect(first.items).toHaveLength(1);
    const second = await (
      await call(
        principals.countyAgency,
        "GET",
        `/v1/cases?limit=1&grid=440703001001001&status=reported&cursor=${first.nextCursor}`,
      )
    ).json<{ items: CaseView[] }>();
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it("work orders come only from agencies; a department assigning a matter to a grid worker is refused", async () => {
    const body = {
      gridCode: "440703001001001",
      title: "核查出租屋",
      description: "核查出租屋消防通道",
      categoryCode: "A01",
      action: "check",
    };
    const ok = await call(principals.townshipAgency, "POST", "/v1/cases/work-orders", body);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      source: "agency",
      workOrder: { action: "check" },
      gridCode: "440703001001001",
    });
    const dept = await call(principals.department, "POST", "/v1/cases/work-orders", body);
    expect(dept.status).toBe(403);
    expect((await dept.json<{ detail: string }>()).detail).toContain("统一交办");
    expect((await call(principals.otherCountyAgency, "POST", "/v1/cases/work-orders", body)).status).toBe(403);
  });

  it("an emergency goes to the county at once with a police call; an off-list matter waits for approval", async () => {
    const gas = await report(principals.gridWorker, { title: "燃气泄漏", categoryCode: "E01" });
    expect(gas).toMatchObject({
      status: "accepted",
      holderDivisionCode: "440703000000",
      policeCall: true,
      priority: "emergency",
      version: 2,
    });
    const off = await step(
      principals.gridWorker,
      await report(principals.gridWorker, { categoryCode: "X99" }),
      "verify",
    );
    expect((await act(principals.townshipAgency, off, "accept")).status).toBe(409);
    // Jiangmen 第九条: the county keeps the lists, so the township may no longer approve alone (was 200 before issue 12).
    const township = await act(principals.townshipAgency, off, "approve-matter", { opinion: "同意纳入网格办理" });
    expect(township.status).toBe(403);
    expect((await township.json<{ detail: string }>()).detail).toContain("第九条");
    const approved = await step(principals.countyAgency, off, "approve-matter", { opinion: "同意纳入网格办理" });
    expect(approved.matterApproval).toMatchObject({
      sub: principals.countyAgency.sub,
      role: "agency",
      unit: "440703000000",
      level: "county",
    });
    expect((await step(principals.townshipAgency, approved, "accept")).status).toBe("accepted");
  });
});

describe("archive and resident follow-up", () => {
  it("exports JSON and printable HTML, and detects tampering with the hash chain", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    const html = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive.html`);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("case.verified");
    expect(await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive/verify`)).json()).toEqual({
      valid: true,
      events: 2,
    });
    await runInDurableObject(env.CASE.get(env.CASE.idFromName(c.id)), (_i, s) => {
      s.storage.sql.exec('UPDATE events SET payload = \'{"note":"篡改"}\' WHERE version = 2');
    });
    expect(await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive/verify`)).json()).toEqual({
      valid: false,
      events: 2,
      brokenAt: 2,
    });
  });

  it("a resident reports without login and follows with the token; a wrong token learns nothing", async () => {
    const res = await exports.default.fetch("http://cases/v1/public/cases", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "路面塌陷", description: "小区门口路面塌陷", categoryCode: "A01", ...HERE }),
    });
    expect(res.status).toBe(201);
    const { id, followToken } = await res.json<{ id: string; followToken: string }>();
    expect(followToken).toMatch(/^[0-9a-f]{32}$/);
    const view = await exports.default.fetch(`http://cases/v1/public/cases/${id}`, {
      headers: { "x-follow-token": followToken },
    });
    expect(await view.json()).toMatchObject({ id, status: "reported", timeline: [{ type: "case.reported" }] });
    const wrong = await exports.default.fetch(`http://cases/v1/public/cases/${id}`, {
      headers: { "x-follow-token": "0".repeat(32) },
    });
    expect(wrong.status).toBe(404);
  });

  it("a platform push opens one case per order and can be withdrawn", async () => {
    const input = {
      platform: "yuepingan",
      orderId: "YPA-2026-0001",
      categoryCode: "A01",
      divisionCode: "440703001001",
      title: "群众来电反映路灯",
      description: "12345转办",
      reportedAt: new Date().toISOString(),
    };
    const first = await exports.default.createFromPlatform(input);
    const again = await exports.default.createFromPlatform(input);
    expect(first.created).toBe(true);
    expect(again).toEqual({ caseId: first.caseId, created: false });
    expect(await exports.default.cancelFromPlatform("yuepingan", "YPA-2026-0001", "群众撤回")).toEqual({
      caseId: first.caseId,
      status: "invalid",
    });
  });
});
