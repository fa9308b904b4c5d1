import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { act, call, outboxEvents, report, step } from "./helpers";

async function offListWorkOrder(): Promise<CaseView> {
  const res = await call(principals.townshipAgency, "POST", "/v1/cases/work-orders", {
    gridCode: "440703001001001",
    title: "清理河道",
    description: "清理河道漂浮物",
    categoryCode: "X99",
    action: "act",
  });
  expect(res.status).toBe(201);
  return res.json<CaseView>();
}

describe("an off-list matter needs the county's approval before anyone works on it (Gansu 二(二)1, Wuxi 第五十六条)", () => {
  it("a work order under an off-list matter does not reach the grid's workers until approved", async () => {
    const order = await offListWorkOrder();
    expect((await outboxEvents(order.id)).map((e) => e.type)).toEqual(["case.work_order_awaiting_approval"]);
    const verify = await act(principals.gridWorker, order, "verify");
    expect(verify.status).toBe(409);
    expect(await verify.json<{ detail: string; allowed: string[] }>()).toMatchObject({
      detail: expect.stringContaining("二(二)1"),
      allowed: expect.arrayContaining(["approve-matter"]),
    });
    const approved = await step(principals.countyAgency, order, "approve-matter", { opinion: "同意纳入网格办理" });
    expect(approved.version).toBe(3);
    const events = await outboxEvents(order.id);
    expect(events.map((e) => e.type)).toEqual([
      "case.work_order_awaiting_approval",
      "case.matter_approved",
      "case.work_order_created",
    ]);
    expect(events[2]!.data).toMatchObject({
      gridCode: "440703001001001",
      details: { action: "act", afterApproval: true },
    });
    expect((await step(principals.gridWorker, approved, "verify")).status).toBe("verified");
  });

  it("refuses resolve-on-site and accept on an unapproved off-list case; records the approver and level", async () => {
    const off = await step(
      principals.gridWorker,
      await report(principals.gridWorker, { categoryCode: "X99" }),
      "verify",
    );
    for (const [command, body] of [
      ["resolve-on-site", { outcome: "现场处理", evidence: [] }],
      ["accept", {}],
    ] as const) {
      expect(
        (await act(command === "accept" ? principals.countyAgency : principals.gridWorker, off, command, body)).status,
      ).toBe(409);
    }
    const approved = await step(principals.cityAgency, off, "approve-matter", { opinion: "市级同意" });
    expect(approved).toMatchObject({
      matterApproved: true,
      matterApproval: { sub: principals.cityAgency.sub, unit: "440700000000", level: "city", opinion: "市级同意" },
    });
    const archive = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${off.id}/archive`)
    ).json<CaseArchive>();
    expect(archive.events.at(-1)).toMatchObject({
      type: "case.matter_approved",
      actor: { role: "agency", unit: "440700000000" },
      payload: { approval: { level: "city" } },
    });
  });

  it("a township agency, a village agency or the platform admin may not approve: 403 saying the county keeps the lists", async () => {
    const off = await report(principals.gridWorker, { categoryCode: "X99" });
    for (const p of [
      principals.townshipAgency,
      { ...principals.townshipAgency, sub: "t-village", divisionCode: "440703001001" },
      principals.admin,
    ]) {
      const res = await act(p, off, "approve-matter", { opinion: "同意" });
      expect(res.status).toBe(403);
      expect((await res.json<{ detail: string }>()).detail).toContain("Jiangmen 第九条");
    }
  });
});
