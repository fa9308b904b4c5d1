import { principals } from "@civicgrid/testing";
import type { CaseView } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { act, call, key, report, step } from "./helpers";

const dispatch = { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: ["dept-440703-housing"] };

describe("the closed loop over HTTP", () => {
  it("runs a grid worker's report to the archive, with an ETag per version and one outbox row per event", async () => {
    let c = await report(principals.gridWorker);
    expect(c).toMatchObject({
      status: "reported",
      version: 1,
      source: "grid_worker",
      gridCode: "440703001001001",
      holderDivisionCode: "440703001001",
    });
    c = await step(principals.gridWorker, c, "verify");
    c = await step(principals.townshipAgency, c, "accept");
    c = await step(principals.townshipAgency, c, "dispatch", dispatch);
    c = await step(principals.department, c, "sign");
    c = await step(principals.department, c, "handle", {
      outcome: "已更换灯泡",
      evidence: [{ kind: "photo", url: "https://files.example.cn/a.jpg" }],
    });
    c = await step(principals.townshipAgency, c, "check", { passed: true, opinion: "现场核查合格" });
    c = await step(principals.countyAgency, c, "rate", { rating: "basically_satisfied" });
    const res = await act(principals.countyAgency, c, "archive");
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"v9"');
    const outbox = await runInDurableObject(env.CASE.get(env.CASE.idFromName(c.id)), (_i, state) =>
      state.storage.sql
        .exec<{ n: number; sent: number }>(
          "SELECT count(*) AS n, sum(notify_sent + assess_sent + integ_sent) AS sent FROM outbox",
        )
        .one(),
    );
    // Each of the 9 events was sent to the three consumers' queues (notifications, assessments, integrations).
    expect(outbox).toEqual({ n: 9, sent: 27 });
  });

  it("refuses an illegal transition with 409 naming the commands allowed now", async () => {
    const c = await report(principals.gridWorker);
    const res = await act(principals.department, c, "sign");
    expect(res.status).toBe(403);
    const bad = await act(principals.countyAgency, c, "dispatch", dispatch);
    expect(bad.status).toBe(409);
    const body = await bad.json<{ code: string; allowed: string[] }>();
    expect(body.code).toBe("invalid_transition");
    expect(body.allowed).toEqual(["verify", "escalate", "merge", "invalidate", "join"]);
  });

  it("refuses a stale version with 412 and the current ETag; requires If-Match (428)", async () => {
    const c = await report(principals.gridWorker);
    await step(principals.gridWorker, c, "verify");
    const stale = await act(principals.townshipAgency, c, "accept");
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"v2"');
    const missing = await call(principals.townshipAgency, "POST", `/v1/cases/${c.id}/accept`, {});
    expect(missing.status).toBe(428);
  });

  it("the same command twice with one Idempotency-Key has one effect; another command with that key is 422", async () => {
    const c = await report(principals.gridWorker);
    const k = key();
    const first = await act(principals.gridWorker, c, "verify", { note: "属实" }, { "idempotency-key": k });
    const again = await act(principals.gridWorker, c, "verify", { note: "属实" }, { "idempotency-key": k });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json<CaseView>()).version).toBe(2);
    const archive = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`)
    ).json<{ events: unknown[] }>();
    expect(archive.events).toHaveLength(2);
    const other = await act(principals.gridWorker, c, "verify", { note: "不同" }, { "idempotency-key": k });
    expect(other.status).toBe(422);
  });

  it("two concurrent commands on one case: one wins, the other is refused", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    const [a, b] = await Promise.all([
      act(principals.townshipAgency, c, "accept"),
      act(principals.townshipAgency, c, "invalidate", { reason: "重复上报" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
  });

  it("refuses a forbidden-list matter quoting the rule, an unknown place, and an unknown department", async () => {
    const forbidden = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "代收",
      description: "代收税费",
      categoryCode: "F01",
      lng: 113.081,
      lat: 22.581,
    });
    expect(forbidden.status).toBe(422);
    expect((await forbidden.json<{ detail: string }>()).detail).toContain("禁入清单第3项");
    const nowhere = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "远方",
      description: "x",
      categoryCode: "A01",
      lng: 120,
      lat: 30,
    });
    expect(nowhere.status).toBe(422);
    let c = await step(
      principals.townshipAgency,
      await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
      "accept",
    );
    const unknown = await act(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-astrology" });
    expect(unknown.status).toBe(422);
    c = await step(principals.townshipAgency, c, "dispatch", dispatch);
    expect(c.status).toBe("dispatched");
  });

  it("validates bodies with 400 naming the field", async () => {
    const res = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "x",
      description: "",
      categoryCode: "A01",
      lng: 500,
      lat: 22,
    });
    expect(res.status).toBe(400);
    const fields = (await res.json<{ errors: { field: string }[] }>()).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["body.title", "body.description", "body.lng"]));
  });
});
