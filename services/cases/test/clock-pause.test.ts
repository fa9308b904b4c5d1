import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { act, call, caseShard, report, step } from "./helpers";

const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
const archiveOf = async (id: string) =>
  (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A case signed by the police department: its handle clock (5 working days) runs. */
async function signedCase(): Promise<CaseView> {
  let c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
  c = await step(principals.townshipAgency, c, "accept");
  c = await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
  return step(principals.department, c, "sign");
}

/** Time passes: the running step started `ms` earlier, so its deadline may lie behind us (setup only). */
async function elapse(id: string, ms: number): Promise<void> {
  await runInDurableObject(stub(id), (_i, s) => {
    const row = s.storage.sql.exec<{ json: string }>("SELECT json FROM state WHERE id = 1").one();
    const state = JSON.parse(row.json) as CaseView;
    const back = (v: string | null) => (v ? iso(Date.parse(v) - ms) : null);
    const moved = {
      ...state,
      stepStartedAt: back(state.stepStartedAt),
      dueAt: back(state.dueAt),
      warnAt: back(state.warnAt),
    };
    s.storage.sql.exec("UPDATE state SET json = ? WHERE id = 1", JSON.stringify(moved));
  });
}

describe("clock pauses (挂账)", () => {
  it("a paused clock does not count as late: the cron past the old deadline fires nothing; at `until` it resumes with the deadline moved by the pause", async () => {
    let c = await signedCase();
    const oldDue = Date.parse(c.dueAt!);
    const until = oldDue + 10 * DAY;
    c = await step(principals.department, c, "request-pause", { reason: "汛期过后方可施工", until: iso(until) });
    expect(c.pause).toMatchObject({ status: "pending", since: null });
    c = await step(principals.townshipAgency, c, "review-pause", { approved: true, opinion: "同意挂账" });
    const since = Date.parse(c.pause!.since!);
    expect(c.pause).toMatchObject({ status: "approved", until: iso(until) });

    // While paused: the sweep past the old deadline does not see the case, and the DO's own tick applies nothing.
    await exports.default.runCron("*/5 * * * *", oldDue + HOUR);
    expect(await stub(c.id).tick(oldDue + HOUR)).toEqual({ applied: [] });
    let state = await stub(c.id).snapshot();
    expect(state).toMatchObject({ overdue: false, warned: false, dueAt: iso(oldDue) });
    const row = await (
      await caseShard(c.id)
    )
      .prepare("SELECT next_due_at FROM cases WHERE id = ?")
      .bind(c.id)
      .first<{ next_due_at: number }>();
    expect(row?.next_due_at).toBe(until);

    // At the pause's end the cron resumes the clock: the deadline moves by exactly the paused time.
    await exports.default.runCron("*/5 * * * *", until + 5 * 60_000);
    state = await stub(c.id).snapshot();
    expect(state!.pause?.status).toBe("ended");
    expect(Date.parse(state!.dueAt!)).toBe(oldDue + (until - since));
    expect(state).toMatchObject({ overdue: false });
    const archive = await archiveOf(c.id);
    expect(archive.supervisions).toEqual([]);
    const types = archive.events.map((e) => e.type);
    expect(types.slice(-3)).toEqual(["case.pause_requested", "case.pause_approved", "case.resumed"]);
    expect(types).not.toContain("case.overdue");
    const resumed = archive.events.at(-1)!;
    expect(resumed.actor.sub).toBe("system");
    expect(resumed.payload).toMatchObject({ since: iso(since), resumedAt: iso(until), pausedMs: until - since });
  });

  it("after resume, lateness counts only the unpaused time", async () => {
    let c = await signedCase();
    const oldDue = Date.parse(c.dueAt!);
    const until = Date.now() + 2 * DAY;
    c = await step(principals.department, c, "request-pause", { reason: "等待汛期结束", until: iso(until) });
    c = await step(principals.countyAgency, c, "review-pause", { approved: true, opinion: "同意" });
    const pausedMs = until - Date.parse(c.pause!.since!);
    const late = oldDue + pausedMs + HOUR;
    await stub(c.id).tick(until);
    expect(await stub(c.id).tick(late)).toEqual({
      applied: ["case.deadline_warning", "case.overdue", "case.supervised"],
    });
    const overdue = (await archiveOf(c.id)).events.find((e) => e.type === "case.overdue")!;
    expect(overdue.payload.lateMinutes).toBe(60);
  });

  it("a department or agency resumes by hand: the history shows each step and the deadline moves by the pause", async () => {
    let c = await signedCase();
    const due = c.dueAt!;
    c = await step(principals.department, c, "request-pause", { reason: "工程招标", until: iso(Date.now() + DAY) });
    c = await step(principals.townshipAgency, c, "review-pause", { approved: true, opinion: "同意" });
    c = await step(principals.department, c, "resume", { note: "招标完成" });
    expect(c.pause?.status).toBe("ended");
    const resumed = (await archiveOf(c.id)).events.at(-1)!;
    expect(resumed.type).toBe("case.resumed");
    expect(Date.parse(c.dueAt!)).toBe(Date.parse(due) + Number(resumed.payload.pausedMs));
    // Resuming again is refused: the clock runs.
    const again = await act(principals.department, c, "resume", {});
    expect(again.status).toBe(409);
  });

  it("finishing the step while paused ends the pause: the next step's clock runs and nothing shows it open", async () => {
    let c = await signedCase();
    c = await step(principals.department, c, "request-pause", { reason: "等待材料", until: iso(Date.now() + DAY) });
    c = await step(principals.townshipAgency, c, "review-pause", { approved: true, opinion: "同意" });
    c = await step(principals.department, c, "handle", { outcome: "提前处置完毕" });
    expect(c).toMatchObject({ status: "handled", step: "check", pause: { status: "ended" } });
    const row = await (
      await caseShard(c.id)
    )
      .prepare("SELECT next_due_at FROM cases WHERE id = ?")
      .bind(c.id)
      .first<{ next_due_at: number }>();
    expect(row?.next_due_at).toBe(Date.parse(c.warnAt!));
    expect((await act(principals.department, c, "resume", {})).status).toBe(409);
  });

  it("only an agency at the holder's level or above decides; a refused pause leaves the clock running", async () => {
    let c = await signedCase();
    c = await step(principals.department, c, "request-pause", { reason: "季节性", until: iso(Date.now() + DAY) });
    expect((await act(principals.department, c, "review-pause", { approved: true, opinion: "自批" })).status).toBe(403);
    expect((await act(principals.otherCountyAgency, c, "review-pause", { approved: true, opinion: "x" })).status).toBe(
      403,
    );
    const twice = await act(principals.department, c, "request-pause", {
      reason: "再次",
      until: iso(Date.now() + DAY),
    });
    expect(twice.status).toBe(409);
    c = await step(principals.townshipAgency, c, "review-pause", { approved: false, opinion: "不符合挂账条件" });
    expect(c.pause?.status).toBe("refused");
    expect((await archiveOf(c.id)).events.at(-1)!.type).toBe("case.pause_refused");
    expect((await act(principals.department, c, "resume", {})).status).toBe(409);
  });

  it("a pause whose expected resume lies in the past is refused, naming why", async () => {
    const c = await signedCase();
    const res = await act(principals.department, c, "request-pause", {
      reason: "季节性",
      until: iso(Date.now() - HOUR),
    });
    expect(res.status).toBe(422);
    expect((await res.json<{ detail: string }>()).detail).toMatch(/until/);
  });
});

describe("approvals before the deadline; a second extension needs a higher level", () => {
  it("a pause or extension asked after the step's deadline is refused", async () => {
    const c = await signedCase();
    await elapse(c.id, 30 * DAY);
    const fresh = (await stub(c.id).snapshot())!;
    const pause = await act(principals.department, fresh, "request-pause", {
      reason: "晚了",
      until: iso(Date.now() + DAY),
    });
    expect(pause.status).toBe(422);
    expect((await pause.json<{ detail: string }>()).detail).toMatch(/before the step's deadline/);
    const ext = await act(principals.department, fresh, "request-extension", {
      amount: 2,
      unit: "working_days",
      reason: "晚了",
    });
    expect(ext.status).toBe(422);
    expect((await stub(c.id).snapshot())!.version).toBe(fresh.version);
  });

  it("a request approved after the deadline passed is refused too", async () => {
    let c = await signedCase();
    c = await step(principals.department, c, "request-extension", { amount: 1, unit: "working_days", reason: "配件" });
    await elapse(c.id, 30 * DAY);
    const res = await act(principals.townshipAgency, c, "review-extension", { approved: true, opinion: "同意" });
    expect(res.status).toBe(422);
  });

  it("the second extension is refused at the level that approved the first and approved one level up", async () => {
    let c = await signedCase();
    const ask = { amount: 1, unit: "working_days", reason: "等待配件" };
    c = await step(principals.department, c, "request-extension", ask);
    c = await step(principals.townshipAgency, c, "review-extension", { approved: true, opinion: "同意" });
    expect(c.extensionApprovals).toMatchObject([{ level: "township", unit: "440703001000" }]);
    c = await step(principals.department, c, "request-extension", ask);
    const same = await act(principals.townshipAgency, c, "review-extension", { approved: true, opinion: "再同意" });
    expect(same.status).toBe(422);
    expect((await same.json<{ detail: string }>()).detail).toMatch(/county level or higher/);
    const due = c.dueAt!;
    c = await step(principals.countyAgency, c, "review-extension", { approved: true, opinion: "区级同意" });
    expect(Date.parse(c.dueAt!)).toBeGreaterThan(Date.parse(due));
    expect(c.extensionApprovals!.map((a) => a.level)).toEqual(["township", "county"]);
  });
});
