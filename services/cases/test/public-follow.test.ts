import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView, PublicCaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, caseShard, HERE, key, step } from "./helpers";

const PII = ["13812345678", "440703199001011234", "a@b.com"];
const TEXT = "联系人电话13812345678，身份证440703199001011234，邮箱a@b.com";

async function anonymousReport(overrides: Record<string, unknown> = {}): Promise<{ id: string; followToken: string }> {
  const res = await exports.default.fetch("http://cases/v1/public/cases", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title: "路面塌陷",
      description: "小区门口路面塌陷",
      categoryCode: "A01",
      ...HERE,
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  return res.json();
}

/** Drives a case to closed through its agencies and department, the department's outcome carrying `outcome`. */
async function closeCase(id: string, outcome = "已修复路面"): Promise<CaseView> {
  let c = await (await call(principals.countyAgency, "GET", `/v1/cases/${id}`)).json<CaseView>();
  c = await step(principals.townshipAgency, await step(principals.gridWorker, c, "verify"), "accept");
  c = await step(principals.townshipAgency, c, "dispatch", { leadDepartmentId: "dept-440703-police" });
  c = await step(principals.department, await step(principals.department, c, "sign"), "handle", {
    outcome,
    evidence: [],
  });
  return step(principals.townshipAgency, c, "check", { passed: true, opinion: "现场核查合格" });
}

const rate = (id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://cases/v1/public/cases/${id}/rate`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-follow-token": token, ...headers },
    body: JSON.stringify(body),
  });

describe("an anonymous reporter rates their case with the follow token", () => {
  it("rates a closed case: the view says rated, the log keeps the rating by the token's holder", async () => {
    const { id, followToken } = await anonymousReport();
    await closeCase(id);
    const res = await rate(id, followToken, { rating: "satisfied", comment: "很快" });
    expect(res.status).toBe(200);
    expect(await res.json<PublicCaseView>()).toMatchObject({ id, status: "rated", rating: "satisfied" });
    const archive = await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>();
    expect(archive.events.at(-1)).toMatchObject({
      type: "case.rated",
      actor: { sub: `follow-token:${id}`, role: "resident" },
      payload: { rating: "satisfied" },
    });
  });

  it("an unsatisfied rating reopens the case for rework, as for a signed-in reporter", async () => {
    const { id, followToken } = await anonymousReport();
    await closeCase(id);
    const res = await rate(id, followToken, { rating: "unsatisfied", reopen: true });
    expect(await res.json<PublicCaseView>()).toMatchObject({ status: "signed", rating: "unsatisfied" });
  });

  it("refuses a case not yet closed with 409; honours Idempotency-Key (one rating, the replay marked)", async () => {
    const { id, followToken } = await anonymousReport();
    expect((await rate(id, followToken, { rating: "satisfied" })).status).toBe(409);
    await closeCase(id);
    const k = key();
    const first = await rate(id, followToken, { rating: "basically_satisfied" }, { "idempotency-key": k });
    const again = await rate(id, followToken, { rating: "basically_satisfied" }, { "idempotency-key": k });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const archive = await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>();
    expect(archive.events.filter((e) => e.type === "case.rated")).toHaveLength(1);
  });

  it("a wrong token and an unknown case get the same 404, so ids cannot be probed", async () => {
    const { id } = await anonymousReport();
    await closeCase(id);
    const wrong = await rate(id, "0".repeat(32), { rating: "satisfied" });
    const unknown = await rate("CASE-20260101-AAAAAAAAAA", "0".repeat(32), { rating: "satisfied" });
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect((await wrong.json<{ detail: string }>()).detail).toBe((await unknown.json<{ detail: string }>()).detail);
    const state = await env.CASE.get(env.CASE.idFromName(id)).snapshot();
    expect(state?.status).toBe("closed");
  });

  it("the OpenAPI document names x-follow-token as a header parameter of following and rating", async () => {
    const doc = await (
      await exports.default.fetch("http://cases/openapi.json")
    ).json<{
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
    }>();
    for (const [path, method] of [
      ["/v1/public/cases/{id}", "get"],
      ["/v1/public/cases/{id}/rate", "post"],
    ] as const) {
      expect(doc.paths[path]?.[method]?.parameters).toContainEqual(
        expect.objectContaining({ in: "header", name: "x-follow-token", required: true }),
      );
    }
  });
});

describe("public surfaces scrub phone numbers, ID numbers and e-mail addresses from free text", () => {
  it("the public case page and the Open311 records (publicRequest, publicRequests) never show them", async () => {
    const { id, followToken } = await anonymousReport({
      title: "路灯坏了请回电13812345678",
      description: TEXT,
      address: `白沙街道 a@b.com`,
    });
    const c = await closeCase(id, `已修复，${TEXT}`);
    const page = await (
      await exports.default.fetch(`http://cases/v1/public/cases/${id}`, { headers: { "x-follow-token": followToken } })
    ).text();
    const one = JSON.stringify(await exports.default.publicRequest(id));
    const many = JSON.stringify(
      await exports.default.publicRequests({ countyCode: c.countyCode, ids: [id], limit: 10 }),
    );
    for (const shown of [page, one, many]) for (const secret of PII) expect(shown).not.toContain(secret);
    expect(page).toContain("138******78");
    expect(one).toContain("[邮箱已隐藏]");
    expect(many).toContain("440*************34");
    // The stored text stays as typed, for the roles that need it.
    expect((await (await call(principals.countyAgency, "GET", `/v1/cases/${id}`)).json<CaseView>()).description).toBe(
      TEXT,
    );
  });

  it("a public record projected before the scrub is masked on the way out", async () => {
    const { id } = await anonymousReport({ description: TEXT });
    const shard = await caseShard(id);
    const row = await shard.prepare("SELECT public FROM cases WHERE id = ?1").bind(id).first<{ public: string }>();
    const raw = { ...JSON.parse(row!.public), description: TEXT };
    await shard.prepare("UPDATE cases SET public = ?2 WHERE id = ?1").bind(id, JSON.stringify(raw)).run();
    const shown = JSON.stringify(await exports.default.publicRequest(id));
    for (const secret of PII) expect(shown).not.toContain(secret);
  });
});
