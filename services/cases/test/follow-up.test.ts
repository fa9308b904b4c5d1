import { principals } from "@civicgrid/testing";
import { divisionAncestors, type CaseArchive, type CaseView, type FollowUpItem } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { act, call, report, step } from "./helpers";

const police = { leadDepartmentId: "dept-440703-police" };
const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));

/** A resident's report driven to closed through the township agency and the police. */
async function closed(c?: CaseView): Promise<CaseView> {
  c ??= await step(principals.gridWorker, await report(principals.resident), "verify");
  if (c.status === "verified") c = await step(principals.townshipAgency, c, "accept");
  if (c.status === "accepted") c = await step(principals.townshipAgency, c, "dispatch", police);
  if (c.status === "dispatched") c = await step(principals.department, c, "sign");
  c = await step(principals.department, c, "handle", { outcome: "已修复", evidence: [] });
  return step(principals.townshipAgency, c, "check", { passed: true, opinion: "合格" });
}

const types = async (id: string) =>
  (await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>()).events.map(
    (e) => e.type,
  );

const worklist = async (who = principals.countyAgency) =>
  (await (await call(who, "GET", "/v1/follow-ups?limit=200")).json<{ items: FollowUpItem[] }>()).items;

describe("follow-up (回访) and satisfaction", () => {
  it("records the follow-up with its channel; a reached reporter needs a rating, an unreached one has none", async () => {
    const c = await closed();
    const missing = await act(principals.townshipAgency, c, "follow-up", { channel: "phone", reached: true });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("rating");
    expect((await act(principals.department, c, "follow-up", { channel: "phone", reached: false })).status).toBe(403);
    const tried = await step(principals.townshipAgency, c, "follow-up", { channel: "phone", reached: false });
    expect(tried).toMatchObject({ status: "closed", followUps: [{ channel: "phone", reached: false, rating: null }] });
    const done = await step(principals.townshipAgency, tried, "follow-up", {
      channel: "visit",
      reached: true,
      rating: "satisfied",
      comment: "上门回访满意",
    });
    expect(done).toMatchObject({ status: "rated", rating: "satisfied" });
    expect((await types(c.id)).slice(-3)).toEqual(["case.followed_up", "case.followed_up", "case.rated"]);
  });

  it("an unsatisfied follow-up reopens the case for rework once, and escalates it the second time", async () => {
    const first = await closed();
    const unsatisfied = { channel: "wechat", reached: true, rating: "unsatisfied", comment: "没修好" };
    const reworked = await step(principals.townshipAgency, first, "follow-up", unsatisfied);
    expect(reworked).toMatchObject({
      status: "signed",
      step: "handle",
      leadDepartmentId: "dept-440703-police",
      reworks: first.reworks + 1,
      unsatisfied: 1,
      holderDivisionCode: first.holderDivisionCode,
    });
    const again = await closed(reworked);
    const escalated = await step(principals.townshipAgency, again, "follow-up", unsatisfied);
    expect(escalated).toMatchObject({
      status: "accepted",
      step: "dispatch",
      leadDepartmentId: null,
      unsatisfied: 2,
      escalations: first.escalations + 1,
      holderDivisionCode: divisionAncestors(first.holderDivisionCode)[0],
    });
    expect((await types(first.id)).filter((t) => t === "case.reopened" || t === "case.escalated")).toEqual([
      "case.reopened",
      "case.escalated",
    ]);
    expect(escalated.holderDivisionCode).not.toBe(first.holderDivisionCode);
    expect((await step(principals.countyAgency, escalated, "dispatch", police)).status).toBe("dispatched");
  });

  it("an unsatisfied rating by the reporter follows the same rule (rework, then escalation)", async () => {
    const first = await closed();
    const reworked = await step(principals.resident, first, "rate", { rating: "unsatisfied" });
    expect(reworked).toMatchObject({ status: "signed", unsatisfied: 1 });
    const escalated = await step(principals.resident, await closed(reworked), "rate", { rating: "unsatisfied" });
    expect(escalated).toMatchObject({ status: "accepted", unsatisfied: 2 });
    expect(escalated.holderDivisionCode).toBe(divisionAncestors(first.holderDivisionCode)[0]);
  });

  it("the follow-up due fires once when its time passes with no follow-up or rating", async () => {
    const c = await closed();
    const followed = await closed();
    await step(principals.townshipAgency, followed, "follow-up", { channel: "sms", reached: false });
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(true);
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(false);
    const events = await types(c.id);
    expect(events.filter((t) => t === "case.follow_up_due")).toHaveLength(1);
    expect((await stub(c.id).snapshot())?.followUpDueNotified).toBe(true);
    // A case followed up in time has no follow-up alarm at all.
    expect(await runDurableObjectAlarm(stub(followed.id))).toBe(false);
    expect(await types(followed.id)).not.toContain("case.follow_up_due");
  });

  it("the worklist: closed cases awaiting follow-up in the caller's jurisdiction, soonest due first", async () => {
    const c = await closed();
    const mine = (await worklist()).find((i) => i.caseId === c.id);
    expect(mine).toMatchObject({ caseId: c.id, closedAt: c.closedAt, attempts: 0, hasReporterLogin: true });
    expect(Date.parse(mine!.dueAt)).toBeGreaterThan(Date.parse(c.closedAt!));
    const items = await worklist();
    expect(items.map((i) => i.dueAt)).toEqual([...items.map((i) => i.dueAt)].sort());
    expect((await worklist(principals.otherCountyAgency)).map((i) => i.caseId)).not.toContain(c.id);
    expect((await call(principals.department, "GET", "/v1/follow-ups")).status).toBe(403);
    await step(principals.townshipAgency, c, "follow-up", { channel: "app", reached: true, rating: "satisfied" });
    expect((await worklist()).map((i) => i.caseId)).not.toContain(c.id);
  });
});
