import { principals } from "@civicgrid/testing";
import type { CaseArchive, PublicCaseRecord } from "@civicgrid/contracts";
import { sha256Hex } from "@civicgrid/http";
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, caseShard, HERE, refusal, report, step, XINHUI } from "./helpers";

const COUNTY = "440703000000";
const RECORD_KEYS = [
  "address",
  "agencyResponsible",
  "caseId",
  "categoryCode",
  "categoryName",
  "description",
  "expectedAt",
  "lat",
  "lng",
  "requestedAt",
  "status",
  "statusNotes",
  "updatedAt",
];
const CONTACT = { name: "张三丰", phone: "13800138000", email: "zhangsan@example.cn" };
const resident = (overrides: Record<string, unknown> = {}) => ({
  categoryCode: "A01",
  ...HERE,
  title: "路面塌陷",
  description: "小区门口路面塌陷",
  clientId: "open311-app-1",
  ...overrides,
});
const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
const tick = () => new Promise((r) => setTimeout(r, 5));

/** Everything about a case that is stored or sent anywhere: the DO's tables, the D1 rows, the archive. */
async function everythingStored(id: string): Promise<string> {
  const inDo = await runInDurableObject(stub(id), (_i, s) =>
    ["state", "events", "outbox", "commands"]
      .map((t) => JSON.stringify(s.storage.sql.exec(`SELECT * FROM ${t}`).toArray()))
      .join("\n"),
  );
  const shard = await caseShard(id);
  const rows = await Promise.all(
    ["SELECT * FROM cases WHERE id = ?1", "SELECT * FROM cases_fts WHERE case_id = ?1"].map((sql) =>
      shard.prepare(sql).bind(id).all(),
    ),
  );
  const archive = await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).text();
  return [inDo, JSON.stringify(rows.map((r) => r.results)), archive].join("\n");
}

describe("a resident's report through Open311 (reportFromResident)", () => {
  it("opens a resident case located by the registry and answers exactly { caseId, followToken }; only the token's hash is kept", async () => {
    const answer = await exports.default.reportFromResident(resident({ contact: CONTACT }));
    expect(Object.keys(answer).sort()).toEqual(["caseId", "followToken"]);
    expect(answer.followToken).toMatch(/^[0-9a-f]{32}$/);
    const state = await stub(answer.caseId).snapshot();
    expect(state).toMatchObject({
      source: "resident",
      reporterSub: null,
      gridCode: "440703001001001",
      matterName: "道路设施损坏",
      followTokenHash: await sha256Hex(answer.followToken),
    });
    const view = await exports.default.fetch(`http://cases/v1/public/cases/${answer.caseId}`, {
      headers: { "x-follow-token": answer.followToken },
    });
    expect(await view.json()).toMatchObject({ id: answer.caseId, status: "reported" });
    const archive = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${answer.caseId}/archive`)
    ).json<CaseArchive>();
    expect(archive.events[0]).toMatchObject({
      actor: { sub: "open311:open311-app-1", role: "resident" },
      payload: { source: "resident", intake: { channel: "open311", clientId: "open311-app-1", contactLeft: true } },
    });
  });

  it("keeps nothing of the contact but the fact that one was left, and never the token itself", async () => {
    const answer = await exports.default.reportFromResident(resident({ contact: CONTACT }));
    const stored = await everythingStored(answer.caseId);
    for (const secret of [...Object.values(CONTACT), answer.followToken]) expect(stored).not.toContain(secret);
    const none = await exports.default.reportFromResident(resident());
    const archive = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${none.caseId}/archive`)
    ).json<CaseArchive>();
    expect(archive.events[0]!.payload).toMatchObject({ intake: { contactLeft: false } });
  });

  it("refuses what the public form refuses: outside every grid, a forbidden matter, bad fields (without echoing the contact)", async () => {
    expect(await refusal(exports.default.reportFromResident(resident({ lng: 120, lat: 30 })))).toMatch(
      /outside every active grid/,
    );
    expect(await refusal(exports.default.reportFromResident(resident({ categoryCode: "F01" })))).toMatch(
      /禁入清单第3项/,
    );
    const bad = await refusal(
      exports.default.reportFromResident(resident({ title: "x", contact: { phone: "1".repeat(50) } })),
    );
    expect(bad).toMatch(/input\.title/);
    expect(bad).toMatch(/input\.contact\.phone/);
    expect(bad).not.toContain("11111");
  });
});

describe("public requests from the read model (publicRequest, publicRequests)", () => {
  it("answers one case with exactly the public fields; no reporter, contact or order; null for an unknown id", async () => {
    const mine = await report(principals.resident, {
      title: "楼道灯坏了",
      description: "三单元楼道灯坏了",
      address: "白沙街道三单元",
    });
    const record = await exports.default.publicRequest(mine.id);
    expect(Object.keys(record!).sort()).toEqual(RECORD_KEYS);
    expect(record).toEqual({
      caseId: mine.id,
      categoryCode: "A01",
      categoryName: "道路设施损坏",
      status: "reported",
      description: "三单元楼道灯坏了",
      address: "白沙街道三单元",
      lat: HERE.lat,
      lng: HERE.lng,
      requestedAt: mine.createdAt,
      updatedAt: mine.updatedAt,
      expectedAt: null,
      agencyResponsible: "440703001001",
      statusNotes: null,
    });
    expect(JSON.stringify(record)).not.toContain(principals.resident.sub);
    const fromOpen311 = await exports.default.reportFromResident(resident({ contact: CONTACT }));
    const json = JSON.stringify(await exports.default.publicRequest(fromOpen311.caseId));
    for (const hidden of [
      "reporterSub",
      "contact",
      "followToken",
      "external",
      ...Object.values(CONTACT),
      fromOpen311.followToken,
    ])
      expect(json).not.toContain(hidden);
    expect(await exports.default.publicRequest("CASE-20260101-AAAAAAAAAA")).toBeNull();
  });

  it("follows the case: the lead department and its deadline once dispatched, the outcome once handled, the reason once withdrawn", async () => {
    let c = await step(
      principals.townshipAgency,
      await step(principals.gridWorker, await report(principals.gridWorker), "verify"),
      "accept",
    );
    c = await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
    expect(await exports.default.publicRequest(c.id)).toMatchObject({
      status: "dispatched",
      agencyResponsible: "dept-440703-police",
      expectedAt: c.dueAt,
    });
    c = await step(principals.department, await step(principals.department, c, "sign"), "handle", {
      outcome: "已更换灯泡",
      evidence: [],
    });
    expect(await exports.default.publicRequest(c.id)).toMatchObject({
      status: "handled",
      statusNotes: "已更换灯泡",
      updatedAt: c.updatedAt,
    });
    const order = {
      platform: "hotline",
      orderId: `PUB-${Date.now()}`,
      categoryCode: "A01",
      divisionCode: "440703001001",
      title: "来电反映",
      description: "来电反映噪音",
      reportedAt: new Date().toISOString(),
    };
    const { caseId } = await exports.default.createFromPlatform(order);
    await exports.default.cancelFromPlatform(order.platform, order.orderId, "群众撤回");
    expect(await exports.default.publicRequest(caseId)).toMatchObject({
      status: "invalid",
      statusNotes: "群众撤回",
      lat: null,
      lng: null,
      address: null,
    });
  });

  it("filters by county, ids, category, report time and open/closed, newest first, with a capped limit", async () => {
    const start = new Date().toISOString();
    await tick();
    const a = await report(principals.gridWorker, { title: "井盖缺失" });
    const b = await report(principals.gridWorker, { title: "占道经营", categoryCode: "Q01" });
    const closed = await step(
      principals.townshipAgency,
      await report(principals.gridWorker, { title: "重复上报" }),
      "invalidate",
      { reason: "重复上报" },
    );
    const elsewhere = await report(principals.otherCountyAgency, { ...XINHUI, title: "新会井盖" });
    await tick();
    const end = new Date().toISOString();
    const later = await report(principals.gridWorker, { title: "之后上报" });

    const ids = (records: PublicCaseRecord[]) => records.map((r) => r.caseId);
    const all = await exports.default.publicRequests({ countyCode: COUNTY, start, end, limit: 1000 });
    expect(ids(all)).toEqual(expect.arrayContaining([a.id, b.id, closed.id]));
    expect(ids(all)).not.toContain(elsewhere.id);
    expect(ids(all)).not.toContain(later.id);
    const times = all.map((r) => r.requestedAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const r of all) expect(Object.keys(r).sort()).toEqual(RECORD_KEYS);

    expect(
      ids(await exports.default.publicRequests({ countyCode: COUNTY, start, end, categoryCode: "Q01", limit: 100 })),
    ).toEqual([b.id]);
    expect(
      ids(await exports.default.publicRequests({ countyCode: COUNTY, start, end, status: ["closed"], limit: 100 })),
    ).toEqual([closed.id]);
    const open = ids(
      await exports.default.publicRequests({ countyCode: COUNTY, start, end, status: ["open"], limit: 100 }),
    );
    expect(open).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(open).not.toContain(closed.id);
    expect(
      ids(
        await exports.default.publicRequests({
          countyCode: COUNTY,
          start,
          end,
          status: ["open", "closed"],
          limit: 100,
        }),
      ).sort(),
    ).toEqual(ids(all).sort());
    expect(
      ids(
        await exports.default.publicRequests({ countyCode: COUNTY, ids: [a.id, elsewhere.id, later.id], limit: 100 }),
      ).sort(),
    ).toEqual([a.id, later.id].sort());
    expect(
      ids(await exports.default.publicRequests({ countyCode: "440705000000", ids: [a.id, elsewhere.id], limit: 100 })),
    ).toEqual([elsewhere.id]);
    expect(await exports.default.publicRequests({ countyCode: COUNTY, start, end, limit: 2 })).toHaveLength(2);
    expect((await exports.default.publicRequests({ countyCode: COUNTY, limit: 5000 })).length).toBeLessThanOrEqual(
      1000,
    );
    expect(await refusal(exports.default.publicRequests({ countyCode: "440703", limit: 10 }))).toMatch(
      /query\.countyCode/,
    );
  });

  it("reads a row projected before the public column existed from the case's DO", async () => {
    const c = await report(principals.gridWorker, { title: "旧数据" });
    await (await caseShard(c.id)).prepare("UPDATE cases SET public = NULL WHERE id = ?1").bind(c.id).run();
    expect(await exports.default.publicRequest(c.id)).toMatchObject({
      caseId: c.id,
      status: "reported",
      description: c.description,
    });
    expect(await exports.default.publicRequests({ countyCode: COUNTY, ids: [c.id], limit: 1 })).toMatchObject([
      { caseId: c.id },
    ]);
  });
});
