import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { act, call, report, step } from "./helpers";

const police = { leadDepartmentId: "dept-440703-police" };
const housing = { leadDepartmentId: "dept-440703-housing" };
const notOurs = { ground: "not_function", reason: "不属于公安职责" };
const upheld = { upheld: true, opinion: "确非公安职责" };

async function accepted(): Promise<CaseView> {
  return step(
    principals.townshipAgency,
    await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
    "accept",
  );
}

// Jiangmen 第二十四条: a department returns what is not its duty, with its reasons, and the agency dispatches again;
// a dispute of duties is the agency's to settle. Wuxi 第六十三条: a matter is not passed around.
describe("returning a case (Jiangmen 第二十四条, Wuxi 第六十三条)", () => {
  it("a department returns once per dispatch, with a ground and reason; the returned dispatch is over for it", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const noReason = await act(principals.department, c, "return", {});
    expect(noReason.status).toBe(400);
    const noGround = await act(principals.department, c, "return", { reason: "不属于公安职责" });
    expect(noGround.status).toBe(400);
    expect(await noGround.text()).toContain("ground");
    const back = await step(principals.department, c, "return", notOurs);
    expect(back).toMatchObject({ status: "accepted", returns: 1, leadDepartmentId: null });
    // The return ended the dispatch: the department is no longer on the case and cannot return it twice.
    const again = await act(principals.department, back, "return", { ...notOurs, reason: "再次退回" });
    expect(again.status).toBe(403);
  });

  it("after two returns the agency's dispatch stands: a third return is refused, the lead department handles it", async () => {
    let c = await accepted();
    for (const [lead, who] of [
      [police, principals.department],
      [housing, principals.otherDepartment],
    ] as const) {
      c = await step(principals.townshipAgency, c, "dispatch", lead);
      c = await step(who, c, "return", notOurs);
      c = await step(principals.townshipAgency, c, "rule-return", upheld);
    }
    expect(c).toMatchObject({ status: "accepted", returns: 2 });
    c = await step(principals.townshipAgency, c, "dispatch", police);
    const third = await act(principals.department, c, "return", { ...notOurs, reason: "第三次退回" });
    expect(third.status).toBe(409);
    const body = await third.json<{ code: string; detail: string; allowed: string[] }>();
    expect(body).toMatchObject({ code: "invalid_transition", detail: expect.stringContaining("第二十四条") });
    expect(body.allowed).toEqual(["sign", "request-extension", "request-pause", "join"]);
    c = await step(principals.department, c, "sign");
    expect(c).toMatchObject({ status: "signed", returns: 2 });
    expect((await act(principals.department, c, "return", { ...notOurs, reason: "签收后退回" })).status).toBe(409);
  });
});

describe("the agency's ruling on a disputed return (退单)", () => {
  it("the return carries its ground and evidence as a pending claim; dispatching waits for the ruling", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const evidence = [{ kind: "document", url: "https://files.example.cn/duty-list.pdf", caption: "权责清单" }];
    const back = await step(principals.department, c, "return", { ...notOurs, evidence });
    expect(back.returnClaim).toMatchObject({
      departmentId: "dept-440703-police",
      ground: "not_function",
      evidence,
      status: "pending",
    });
    const early = await act(principals.townshipAgency, back, "dispatch", housing);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ allowed: expect.arrayContaining(["rule-return"]) });
    // A department does not rule; a case without a pending return has nothing to rule on.
    expect((await act(principals.department, back, "rule-return", upheld)).status).toBe(403);
  });

  it("a rejected return (强派) comes back to the same department, its sign clock running, and it may not return again", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const back = await step(principals.department, c, "return", { ...notOurs, ground: "not_territory" });
    const ruled = await step(principals.townshipAgency, back, "rule-return", { upheld: false, opinion: "属公安职责" });
    expect(ruled).toMatchObject({
      status: "dispatched",
      step: "sign",
      leadDepartmentId: "dept-440703-police",
      returnClaim: { status: "rejected", opinion: "属公安职责", departmentId: "dept-440703-police" },
    });
    const again = await act(principals.department, ruled, "return", { ...notOurs, reason: "仍不属于" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("强派");
    const signed = await step(principals.department, ruled, "sign");
    expect(signed.status).toBe("signed");
    const archive = await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`)).json<CaseArchive>();
    expect(archive.events.map((e) => e.type).slice(-3)).toEqual([
      "case.returned",
      "case.return_rejected",
      "case.signed",
    ]);
    expect(archive.events.at(-2)).toMatchObject({
      from: "accepted",
      to: "dispatched",
      payload: { upheld: false, departmentId: "dept-440703-police", ground: "not_territory" },
    });
  });

  it("an upheld return is re-dispatched elsewhere: the same department is refused, another is taken", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const back = await step(principals.department, c, "return", notOurs);
    const ruled = await step(principals.townshipAgency, back, "rule-return", upheld);
    expect(ruled).toMatchObject({ status: "accepted", returnClaim: { status: "upheld" } });
    const same = await act(principals.townshipAgency, ruled, "dispatch", police);
    expect(same.status).toBe(422);
    expect(await same.text()).toContain("another department");
    const elsewhere = await step(principals.townshipAgency, ruled, "dispatch", housing);
    expect(elsewhere).toMatchObject({ status: "dispatched", leadDepartmentId: "dept-440703-housing" });
    expect((await act(principals.townshipAgency, elsewhere, "rule-return", upheld)).status).toBe(409);
  });

  it("a ruling that asks for a change to the matters list files it in the registry, once", async () => {
    const c = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const back = await step(principals.department, c, "return", { ...notOurs, ground: "not_property" });
    const matterChange = { action: "withdraw", list: "admission", matterCode: "0801" };
    const ruled = await step(principals.townshipAgency, back, "rule-return", { ...upheld, matterChange });
    const id = ruled.returnClaim?.matterChangeRequestId;
    expect(id).toMatch(/^mcr-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ruled.returnClaim).toMatchObject({ matterChange, ruledBy: { sub: principals.townshipAgency.sub } });
    const registry = env.REGISTRY as unknown as { filedMatterChanges(): Promise<{ id: string }[]> };
    const filed = async () => (await registry.filedMatterChanges()).filter((r) => r.id === id);
    await vi.waitFor(async () => expect(await filed()).toHaveLength(1));
    expect((await filed())[0]).toMatchObject({
      countyCode: "440703000000",
      change: matterChange,
      requesterUnit: principals.townshipAgency.divisionCode,
      reason: expect.stringContaining(c.id),
    });
    // The case's delivery runs again (its alarm): the request is not filed twice.
    await runDurableObjectAlarm(env.CASE.get(env.CASE.idFromName(c.id)));
    expect(await filed()).toHaveLength(1);
    // A ruling without a change files nothing.
    const plain = await step(principals.townshipAgency, await accepted(), "dispatch", police);
    const plainBack = await step(principals.department, plain, "return", notOurs);
    const plainRuled = await step(principals.townshipAgency, plainBack, "rule-return", upheld);
    expect(plainRuled.returnClaim?.matterChangeRequestId).toBeNull();
  });
});
