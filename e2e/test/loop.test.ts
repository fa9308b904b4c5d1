import { describe, expect, it } from "vitest";
import { call } from "./client";
import { command, eventually, read, report } from "./cases-client";
import { pointIn, WORKER_GRID } from "./places";

const worker = "demo-grid-worker";
const township = "demo-township-agency";
const county = "demo-county-agency-440703";
const police = "demo-department-440703-police";
const urban = "user-dept-440703-urban_management";

describe("the closed loop through the gateway, on the real system", () => {
  it("routes a worker's hazard to its grid, survives a return, re-dispatch with a lead and an assisting department, and closes with a rating", async () => {
    let c = await report(worker, {
      title: "路灯不亮",
      description: "白沙街道羊桥社区路口两盏路灯夜间不亮，存在安全隐患",
      categoryCode: "0802",
      ...pointIn(WORKER_GRID),
    });
    expect(c).toMatchObject({
      status: "reported",
      gridCode: WORKER_GRID,
      villageCode: "440703002101",
      townshipCode: "440703002000",
      countyCode: "440703000000",
    });

    c = await command(worker, c, "verify", { note: "现场核实属实" });
    c = await command(township, c, "accept");
    c = await command(township, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
    c = await command(police, c, "return", {
      ground: "not_function",
      reason: "路灯维护不属于公安职责，应由城管部门负责",
    });
    expect(c).toMatchObject({ status: "accepted", returns: 1, returnClaim: { status: "pending" } });
    // The police may no longer act on it; the township rules on the return (upheld) and dispatches again.
    await command(police, c, "sign", {}, 403);
    c = await command(township, c, "rule-return", { upheld: true, opinion: "路灯属城管维护，退单成立" });
    c = await command(township, c, "dispatch", {
      leadDepartmentId: "dept-440703-urban_management",
      assistingDepartmentIds: ["dept-440703-police"],
    });
    c = await command(urban, c, "sign");
    c = await command(urban, c, "handle", {
      outcome: "已更换两盏路灯灯具",
      evidence: [{ kind: "photo", url: "https://files.example.cn/lamp.jpg" }],
    });
    c = await command(township, c, "check", { passed: true, opinion: "现场复核，路灯恢复正常" });
    expect(c.status).toBe("closed");
    c = await command(county, c, "rate", { rating: "satisfied", comment: "回访居民满意" });
    expect(c.status).toBe("rated");

    const archive = await call(`/v1/cases/${c.id}/archive/verify`, { as: county });
    expect(archive.json).toMatchObject({ valid: true });
    const events = await call(`/v1/cases/${c.id}/archive`, { as: county });
    const types = (events.json.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual([
      "case.reported",
      "case.verified",
      "case.accepted",
      "case.dispatched",
      "case.returned",
      "case.return_upheld",
      "case.dispatched",
      "case.signed",
      "case.handled",
      "case.check_passed",
      "case.rated",
    ]);

    // Another county's agency cannot see it.
    const other = await call(`/v1/cases/${c.id}`, { as: "demo-county-agency-440705" });
    expect([403, 404]).toContain(other.status);

    // The read model follows: the township finds it by text.
    await eventually(
      () => call(`/v1/cases?q=${encodeURIComponent("路灯")}&status=rated`, { as: township }),
      (res) => expect((res.json.items as { id: string }[]).map((i) => i.id)).toContain(c.id),
    );
  });

  it("closes a case resolved on site by the grid worker", async () => {
    let c = await report(worker, {
      title: "楼道杂物堆放",
      description: "3栋楼道堆放纸箱，堵塞通道",
      categoryCode: "0301",
      ...pointIn(WORKER_GRID),
    });
    c = await command(worker, c, "verify");
    c = await command(worker, c, "resolve-on-site", {
      outcome: "已与住户沟通，现场清理完毕",
      evidence: [{ kind: "photo", url: "https://files.example.cn/after.jpg" }],
    });
    expect(c.status).toBe("closed");
    expect((await read(county, c.id)).outcome).toBe("已与住户沟通，现场清理完毕");
  });

  it("lets a resident report, follow and rate their own case", async () => {
    let c = await report("demo-resident", {
      title: "井盖缺失",
      description: "小区门口井盖缺失，夜间危险",
      categoryCode: "0801",
      ...pointIn(WORKER_GRID),
    });
    expect(c.source).toBe("resident");
    c = await command(worker, c, "verify");
    c = await command(township, c, "accept");
    c = await command(township, c, "dispatch", { leadDepartmentId: "dept-440703-urban_management" });
    c = await command(urban, c, "sign");
    c = await command(urban, c, "handle", { outcome: "已补装井盖" });
    c = await command(township, c, "check", { passed: true, opinion: "合格" });
    c = await command("demo-resident", c, "rate", { rating: "basically_satisfied" });
    expect(c.status).toBe("rated");
    // The resident's inbox tells them their case was closed.
    await eventually(
      () => call("/v1/inbox", { as: "demo-resident" }),
      (res) => expect(JSON.stringify(res.json)).toContain(c.id),
    );
  });
});
