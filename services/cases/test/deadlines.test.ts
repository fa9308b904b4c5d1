import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, caseShard, report, step } from "./helpers";

const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
const eventTypes = async (id: string) =>
  (await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>()).events.map(
    (e) => e.type,
  );
type SweepResult = { skipped: boolean; due: number; applied: number };
const sweepResult = (outcome: unknown) => (outcome as { result: SweepResult }).result;

describe("deadline alarm → warning → overdue → supervision", () => {
  it("fires the warning at 80% and the deadline at 100%, each once, and records a supervision against the unit", async () => {
    // Q01 has a 10-minute accept limit: warning after 8 minutes, overdue after 10.
    const c = await step(principals.gridWorker, await report(principals.gridWorker, { categoryCode: "Q01" }), "verify");
    expect(Date.parse(c.dueAt!) - Date.parse(c.stepStartedAt!)).toBe(600_000);
    expect(Date.parse(c.warnAt!) - Date.parse(c.stepStartedAt!)).toBe(480_000);
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(true);
    let state = await stub(c.id).snapshot();
    expect(state).toMatchObject({ warned: true, overdue: false, version: 3 });
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(true);
    state = await stub(c.id).snapshot();
    expect(state).toMatchObject({ warned: true, overdue: true, version: 5 });
    expect(await runDurableObjectAlarm(stub(c.id))).toBe(false);
    const types = await eventTypes(c.id);
    expect(types).toEqual([
      "case.reported",
      "case.verified",
      "case.deadline_warning",
      "case.overdue",
      "case.supervised",
    ]);
    const page = await (
      await call(principals.townshipAgency, "GET", "/v1/supervisions")
    ).json<{ items: { caseId: string; responsibleUnit: string }[] }>();
    expect(page.items).toContainEqual(expect.objectContaining({ caseId: c.id, responsibleUnit: "440703001001" }));
    const other = await (
      await call(principals.otherCountyAgency, "GET", "/v1/supervisions")
    ).json<{ items: { caseId: string }[] }>();
    expect(other.items.map((s) => s.caseId)).not.toContain(c.id);
    const overdue = await (
      await call(principals.countyAgency, "GET", "/v1/cases?overdue=true")
    ).json<{ items: CaseView[] }>();
    expect(overdue.items.map((i) => i.id)).toContain(c.id);
  });

  it("an approved extension moves the deadline by working days", async () => {
    let c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    c = await step(principals.townshipAgency, c, "accept");
    c = await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
    c = await step(principals.department, c, "sign");
    const due = c.dueAt!;
    c = await step(principals.department, c, "request-extension", {
      amount: 2,
      unit: "working_days",
      reason: "等待配件",
    });
    c = await step(principals.townshipAgency, c, "review-extension", { approved: true, opinion: "同意延期两个工作日" });
    expect(Date.parse(c.dueAt!)).toBeGreaterThan(Date.parse(due) + 24 * 3_600_000);
    const events = await eventTypes(c.id);
    expect(events.slice(-2)).toEqual(["case.extension_requested", "case.extension_approved"]);
  });
});

describe("supervision sweep", () => {
  it("applies lost alarms of due cases once, and two overlapping runs do the work once", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker, { categoryCode: "Q01" }), "verify");
    // The alarm is lost: nothing fires; the sweep finds the case by next_due_at.
    await runInDurableObject(stub(c.id), (_i, s) => s.storage.deleteAlarm());
    const later = Date.now() + 3_600_000;
    const [a, b] = await Promise.all([
      exports.default.runCron("*/5 * * * *", later),
      exports.default.runCron("*/5 * * * *", later),
    ]);
    expect([a.ran, b.ran]).toEqual([true, true]);
    expect([a, b].map(sweepResult).filter((r) => r.skipped)).toHaveLength(1);
    const state = await stub(c.id).snapshot();
    expect(state).toMatchObject({ warned: true, overdue: true, version: 5 });
    const again = await exports.default.runCron("*/5 * * * *", later);
    expect(sweepResult(again).due).toBe(0);
    const row = await (
      await caseShard(c.id)
    )
      .prepare("SELECT next_due_at FROM cases WHERE id = ?")
      .bind(c.id)
      .first<{ next_due_at: number | null }>();
    expect(row?.next_due_at).toBeNull();
  });
});
