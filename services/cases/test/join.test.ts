import { principals } from "@civicgrid/testing";
import type { CaseView, PublicCaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { reportersOf } from "../src/domain";
import { describe, expect, it } from "vitest";
import { act, call, outboxEvents, report, step } from "./helpers";

const neighbour = { sub: "t-resident-2", roles: ["resident" as const], divisionCode: "440700000000" };
const dispatch = { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: [] };

async function publicJoin(id: string, body: unknown = {}) {
  return exports.default.fetch(`http://cases/v1/public/cases/${id}/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function publicView(id: string, token: string) {
  return exports.default.fetch(`http://cases/v1/public/cases/${id}`, { headers: { "x-follow-token": token } });
}

/** Runs the case from report to a passed check (closed). */
async function close(c: CaseView): Promise<CaseView> {
  c = await step(principals.gridWorker, c, "verify");
  c = await step(principals.townshipAgency, c, "accept");
  c = await step(principals.townshipAgency, c, "dispatch", dispatch);
  c = await step(principals.department, c, "sign");
  c = await step(principals.department, c, "handle", { outcome: "已修复" });
  return step(principals.townshipAgency, c, "check", { passed: true, opinion: "合格" });
}

describe("+1: joining an open case instead of filing a duplicate", () => {
  it("adds a signed-in resident to the co-reporters once, with case.reporter_joined", async () => {
    const c = await report(principals.gridWorker);
    const joined = await step(neighbour, c, "join", { note: "我也看到了" });
    expect(joined.coReporters).toEqual([
      { sub: neighbour.sub, via: "join", fromCaseId: null, joinedAt: expect.any(String) as string },
    ]);
    expect(joined.status).toBe("reported");
    const events = await outboxEvents(c.id);
    expect(events.at(-1)).toMatchObject({ type: "case.reporter_joined", data: { coReporterSubs: [neighbour.sub] } });
    // The co-reporter now reads the case as its reporter does.
    expect((await call(neighbour, "GET", `/v1/cases/${c.id}`)).status).toBe(200);
    const again = await act(neighbour, joined, "join", {});
    expect(again.status).toBe(422);
  });

  it("refuses the first reporter joining their own case, and a join of a closed case", async () => {
    const c = await report(principals.resident);
    expect((await act(principals.resident, c, "join", {})).status).toBe(422);
    const closed = await close(await report(principals.gridWorker));
    const res = await act(neighbour, closed, "join", {});
    expect(res.status).toBe(409);
  });

  it("refuses a grid worker of another grid and a department", async () => {
    const c = await report(principals.resident);
    const other = { ...principals.gridWorker, sub: "t-worker-2", grids: ["440703001001002"] };
    expect((await act(other, c, "join", {})).status).toBe(403);
    expect((await act(principals.department, c, "join", {})).status).toBe(403);
  });

  it("gives a resident without a login a follow token of their own, to follow and rate the outcome", async () => {
    let c = await report(principals.gridWorker);
    const res = await publicJoin(c.id, { note: "+1" });
    expect(res.status).toBe(200);
    const { followToken } = await res.json<{ id: string; followToken: string }>();
    expect((await publicView(c.id, followToken)).status).toBe(200);
    expect((await publicView(c.id, "0".repeat(32))).status).toBe(404);
    c = await close(await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}`)).json<CaseView>());
    const rated = await exports.default.fetch(`http://cases/v1/public/cases/${c.id}/rate`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-follow-token": followToken },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    expect(rated.status).toBe(200);
    expect((await rated.json<PublicCaseView>()).rating).toBe("satisfied");
  });

  it("answers 404 for an unknown case and 409 for a closed one on the public join", async () => {
    expect((await publicJoin("CASE-20260101-ABCDEFGHJK")).status).toBe(404);
    const closed = await close(await report(principals.gridWorker));
    expect((await publicJoin(closed.id)).status).toBe(409);
  });
});

describe("every reporter of a case is told of its outcome and may rate it", () => {
  it("names the signed-in co-reporters on the closing event, and a co-reporter rates it", async () => {
    let c = await report(principals.gridWorker);
    c = await step(neighbour, c, "join", {});
    c = await close(c);
    const closing = (await outboxEvents(c.id)).find((e) => e.type === "case.check_passed");
    expect(closing?.data.coReporterSubs).toEqual([neighbour.sub]);
    const rated = await step(neighbour, c, "rate", { rating: "satisfied" });
    expect(rated.status).toBe("rated");
  });

  it("each reporter rates the outcome once: the first, a signed-in co-reporter and one with a follow token", async () => {
    let c = await report(principals.resident);
    c = await step(neighbour, c, "join", {});
    const { followToken } = await (await publicJoin(c.id)).json<{ followToken: string }>();
    c = await close(await (await call(principals.countyAgency, "GET", `/v1/cases/${c.id}`)).json<CaseView>());
    c = await step(principals.resident, c, "rate", { rating: "satisfied" });
    expect(c.status).toBe("rated");
    expect((await act(principals.resident, c, "rate", { rating: "satisfied" })).status).toBe(422);
    c = await step(neighbour, c, "rate", { rating: "basically_satisfied" });
    expect(c).toMatchObject({ status: "rated", rating: "basically_satisfied" });
    // Not a reporter: once rated, the agency's own rating is refused.
    expect((await act(principals.townshipAgency, c, "rate", { rating: "satisfied" })).status).toBe(422);
    const byToken = await exports.default.fetch(`http://cases/v1/public/cases/${c.id}/rate`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-follow-token": followToken },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    expect(byToken.status).toBe(200);
    const again = await exports.default.fetch(`http://cases/v1/public/cases/${c.id}/rate`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-follow-token": followToken },
      body: JSON.stringify({ rating: "satisfied" }),
    });
    expect(again.status).toBe(422);
    const archive = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`)
    ).json<{
      events: { type: string; payload: { by?: string } }[];
    }>();
    const raters = archive.events.filter((e) => e.type === "case.rated").map((e) => e.payload.by);
    expect(raters).toEqual([principals.resident.sub, neighbour.sub, `follow-token:${c.id}:1`]);
  });

  it("carries the merged case's reporters to the case it was merged into", async () => {
    const target = await report(principals.gridWorker);
    let dup = await report(principals.resident);
    dup = await step(neighbour, dup, "join", {});
    const anonymous = await publicJoin(dup.id);
    const { followToken } = await anonymous.json<{ id: string; followToken: string }>();
    dup = await (await call(principals.countyAgency, "GET", `/v1/cases/${dup.id}`)).json<CaseView>();
    dup = await step(principals.gridWorker, dup, "verify");
    await step(principals.townshipAgency, dup, "merge", { intoCaseId: target.id });
    const after = await (await call(principals.countyAgency, "GET", `/v1/cases/${target.id}`)).json<CaseView>();
    expect(after.coReporters?.map((r) => [r.sub, r.via, r.fromCaseId])).toEqual([
      [principals.resident.sub, "merge", dup.id],
      [neighbour.sub, "merge", dup.id],
      [null, "merge", dup.id],
    ]);
    // The merged case's reporters read the target; the anonymous co-reporter follows it with their token.
    expect((await call(principals.resident, "GET", `/v1/cases/${target.id}`)).status).toBe(200);
    expect((await publicView(target.id, followToken)).status).toBe(200);
    // Carrying again (the merged case's alarm retrying after a lost answer) replays: the reporters come once.
    const merged = (await env.CASE.get(env.CASE.idFromName(dup.id)).snapshot())!;
    const again = await env.CASE.get(env.CASE.idFromName(target.id)).carryReporters(reportersOf(merged));
    expect(again).toMatchObject({ ok: true, replayed: true });
    const events = await outboxEvents(target.id);
    expect(events.filter((e) => e.type === "case.reporter_joined")).toHaveLength(1);
  });
});
