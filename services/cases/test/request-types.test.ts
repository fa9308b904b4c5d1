import { principals } from "@civicgrid/testing";
import type { CaseState } from "../src/domain";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE, report, step, XINHUI } from "./helpers";

type Problem = { status: number; errors?: { field: string }[] };
const fieldsOf = async (res: Response) => ((await res.json<Problem>()).errors ?? []).map((e) => e.field);
const PJ = "440703000000";
const MINUTES = (amount: number) => ({ amount, unit: "minutes" });
const DAYS = (amount: number) => ({ amount, unit: "working_days" });
// 投诉: the department signs within 30 minutes; a handle default the matter list's own handle limit overrides.
const DEFAULTS = { types: { complaint: { sign: MINUTES(30), handle: DAYS(2) }, consultation: { sign: MINUTES(60) } } };

const put = (who: (typeof principals)[keyof typeof principals], county: string, body: unknown = DEFAULTS) =>
  call(who, "PUT", `/v1/request-types/${county}`, body);

/** A reported case taken up to dispatch: the dispatch starts the sign step, whose limit shows the defaults applied. */
async function dispatched(overrides: Record<string, unknown>) {
  let c = await report(principals.gridWorker, overrides);
  c = await step(principals.gridWorker, c, "verify");
  c = await step(principals.countyAgency, c, "accept");
  return step(principals.countyAgency, c, "dispatch", { leadDepartmentId: `dept-${c.countyCode.slice(0, 6)}-police` });
}

describe("request types (咨询, 求助, 投诉, 举报, 建议) with per-county default limits", () => {
  it("applies the county's default for the reported type; the matter list's limit wins; other types keep the built-in", async () => {
    const saved = await put(principals.countyAgency, PJ);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ countyCode: PJ, ...DEFAULTS, updatedBy: principals.countyAgency.sub });
    expect(await (await call(principals.department, "GET", `/v1/request-types/${PJ}`)).json()).toMatchObject(DEFAULTS);

    const complaint = await dispatched({ requestType: "complaint" });
    expect(complaint.requestType).toBe("complaint");
    expect(complaint.limits).toMatchObject({ sign: MINUTES(30), handle: DAYS(5) });
    expect(Date.parse(complaint.dueAt!) - Date.parse(complaint.stepStartedAt!)).toBe(30 * 60_000);

    const untyped = await dispatched({});
    expect(untyped.requestType).toBeUndefined();
    expect(untyped.limits).not.toHaveProperty("sign");
    const suggestion = await dispatched({ requestType: "suggestion" });
    expect(suggestion.limits).not.toHaveProperty("sign");
  });

  it("a county's defaults do not apply in another county", async () => {
    await put(principals.countyAgency, PJ);
    const res = await call(principals.otherCountyAgency, "POST", "/v1/cases", {
      title: "投诉噪音",
      description: "夜间施工噪音",
      categoryCode: "A01",
      requestType: "complaint",
      ...XINHUI,
    });
    expect(res.status).toBe(201);
    const c = await res.json<{ limits: Record<string, unknown>; requestType: string }>();
    expect(c.requestType).toBe("complaint");
    expect(c.limits).not.toHaveProperty("sign");
  });

  it("a report without a login carries its type and the county's default", async () => {
    await put(principals.countyAgency, PJ);
    const res = await exports.default.fetch("http://cases/v1/public/cases", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: "咨询办事",
        description: "社保如何办理",
        categoryCode: "A01",
        requestType: "consultation",
        ...HERE,
      }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: string }>();
    const state = (await env.CASE.get(env.CASE.idFromName(id)).snapshot()) as CaseState;
    expect(state).toMatchObject({ requestType: "consultation", limits: { sign: MINUTES(60) } });
  });

  it("only the county's agency (or one above) sets them; other counties and lower levels are refused", async () => {
    expect((await put(principals.townshipAgency, PJ)).status).toBe(403);
    expect((await put(principals.otherCountyAgency, PJ)).status).toBe(403);
    expect((await put(principals.department, PJ)).status).toBe(403);
    expect((await put(principals.cityAgency, PJ)).status).toBe(200);
    expect((await call(principals.otherCountyAgency, "GET", `/v1/request-types/${PJ}`)).status).toBe(403);
  });

  it("refuses a bad type, step or limit and a code that is not a county's, naming the field", async () => {
    const badType = await put(principals.countyAgency, PJ, { types: { gossip: { sign: MINUTES(5) } } });
    expect(badType.status).toBe(400);
    expect((await fieldsOf(badType))[0]).toMatch(/^body\.types/);
    const badLimit = await put(principals.countyAgency, PJ, {
      types: { help: { sign: { amount: 0, unit: "minutes" } } },
    });
    expect(await fieldsOf(badLimit)).toEqual(["body.types.help.sign.amount"]);
    const badCounty = await put(principals.cityAgency, "440703001000");
    expect(badCounty.status).toBe(400);
    expect(await fieldsOf(badCounty)).toEqual(["path.countyCode"]);
    const badReport = await call(principals.gridWorker, "POST", "/v1/cases", {
      title: "x 事项",
      description: "y",
      categoryCode: "A01",
      requestType: "rumour",
      ...HERE,
    });
    expect(badReport.status).toBe(400);
    expect(await fieldsOf(badReport)).toEqual(["body.requestType"]);
  });
});
