import type { Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseEvent, drain, publish } from "./helpers";

const base = "http://notifications";
const call = async (p: Principal, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  exports.default.fetch(`${base}${path}`, await jsonAs(p, method, body, extra));
type Problem = { code: string; errors?: { field: string }[] };

describe("templates", () => {
  it("lists templates with the variables each uses and previews one in zh-CN", async () => {
    const list = await (
      await call(principals.countyAgency, "GET", "/v1/notifications/templates?limit=200")
    ).json<{ items: { code: string; variables: string[] }[] }>();
    expect(list.items.find((t) => t.code === "dispatch")?.variables.sort()).toEqual(["caseId", "dueAt", "title"]);
    const res = await call(principals.countyAgency, "POST", "/v1/notifications/templates/dispatch/preview", {
      variables: { caseId: "CASE-20260315-ABCDEFGHJK", title: "井盖缺失", dueAt: "2026-03-20 17:30" },
    });
    expect(await res.json()).toEqual({
      code: "dispatch",
      title: "新派遣案件：井盖缺失",
      body: "案件CASE-20260315-ABCDEFGHJK「井盖缺失」已派遣至你单位，请于2026-03-20 17:30前签收办理。",
    });
  });

  it("answers 400 naming each missing variable, 404 for an unknown template, 403 for non-operators", async () => {
    const missing = await call(principals.countyAgency, "POST", "/v1/notifications/templates/overdue/preview", {
      variables: { title: "x" },
    });
    expect(missing.status).toBe(400);
    expect((await missing.json<Problem>()).errors?.map((e) => e.field).sort()).toEqual([
      "body.variables.caseId",
      "body.variables.dueAt",
      "body.variables.step",
    ]);
    expect(
      (await call(principals.countyAgency, "POST", "/v1/notifications/templates/nothing/preview", { variables: {} }))
        .status,
    ).toBe(404);
    expect(
      (await call(principals.resident, "POST", "/v1/notifications/templates/dispatch/preview", { variables: {} }))
        .status,
    ).toBe(403);
    const bad = await call(principals.countyAgency, "POST", "/v1/notifications/templates/dispatch/preview", {
      variables: { title: ["x"] },
    });
    expect((await bad.json<Problem>()).errors?.[0]?.field).toBe("body.variables.title");
  });
});

describe("preferences", () => {
  it("needs If-Match, refuses a stale one, and validates quiet hours", async () => {
    const p: Principal = { sub: "t-pref", roles: ["resident"], divisionCode: "440700000000" };
    const get = await call(p, "GET", "/v1/notifications/preferences");
    expect(get.headers.get("etag")).toBe('"v0"');
    const body = { quietStart: "21:30", quietEnd: "06:30", digest: false };
    expect((await call(p, "PUT", "/v1/notifications/preferences", body)).status).toBe(428);
    const put = await call(p, "PUT", "/v1/notifications/preferences", body, { "if-match": '"v0"' });
    expect(await put.json()).toMatchObject({ ownerKey: "user:t-pref", quietStart: "21:30", version: 1 });
    expect((await call(p, "PUT", "/v1/notifications/preferences", body, { "if-match": '"v0"' })).status).toBe(412);
    const half = await call(
      p,
      "PUT",
      "/v1/notifications/preferences",
      { quietStart: "25:00", quietEnd: null, digest: false },
      { "if-match": '"v1"' },
    );
    expect((await half.json<Problem>()).errors?.map((e) => e.field)).toContain("body.quietStart");
    expect((await call(p, "GET", "/v1/notifications/preferences?owner=department")).status).toBe(403);
  });
});

describe("rules and the SMS sink", () => {
  it("lets operators read the rules and only a platform admin switch one, with If-Match", async () => {
    const list = await (
      await call(principals.countyAgency, "GET", "/v1/notifications/rules?limit=200")
    ).json<{ items: { id: string; version: number }[] }>();
    expect(list.items.map((r) => r.id)).toContain("emergency-lead-sms");
    expect((await call(principals.department, "GET", "/v1/notifications/rules")).status).toBe(403);
    expect(
      (
        await call(
          principals.cityAgency,
          "PATCH",
          "/v1/notifications/rules/emergency-lead-sms",
          { enabled: false },
          { "if-match": '"v1"' },
        )
      ).status,
    ).toBe(403);
    const off = await call(
      principals.admin,
      "PATCH",
      "/v1/notifications/rules/emergency-lead-sms",
      { enabled: false },
      { "if-match": '"v1"' },
    );
    expect(await off.json()).toMatchObject({ enabled: false, version: 2 });
    const on = await call(
      principals.admin,
      "PATCH",
      "/v1/notifications/rules/emergency-lead-sms",
      { enabled: true },
      { "if-match": off.headers.get("etag")! },
    );
    expect(await on.json()).toMatchObject({ enabled: true, version: 3 });
  });

  it("shows recorded SMS to operators of that jurisdiction only", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police", title: "噪音扰民" });
    await publish(event);
    await drain(event.id);
    type Sink = { items: { phone: string; text: string }[] };
    const mine = await (
      await call(principals.countyAgency, "GET", "/v1/notifications/sms-sink?limit=200")
    ).json<Sink>();
    expect(mine.items.some((s) => s.text.includes("噪音扰民") && s.phone === "0750-3271110")).toBe(true);
    const other = await (
      await call(principals.otherCountyAgency, "GET", "/v1/notifications/sms-sink?limit=200")
    ).json<Sink>();
    expect(other.items.some((s) => s.text.includes("噪音扰民"))).toBe(false);
    expect((await call(principals.gridWorker, "GET", "/v1/notifications/sms-sink")).status).toBe(403);
  });
});
